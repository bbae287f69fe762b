using System.Net;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Surveys;

/// <summary>The NPS loop: create a survey, collect answers, list them, read the score per week.</summary>
[Collection(AppCollection.Name)]
public sealed class NpsLoopTests(AppFixture fixture)
{
    // Week 1: p = 0.4, d = 0.4 -> NPS 0, MoE 1.96 x 100 x sqrt(0.8 / 10) = 55.4372.
    private static readonly int[] Week1 = [10, 10, 9, 9, 8, 7, 6, 5, 3, 0];
    // Week 2: p = 8/12, d = 2/12 -> NPS 50, MoE 1.96 x 100 x sqrt((10/12 - 0.25) / 12) = 43.2139.
    private static readonly int[] Week2 = [10, 10, 10, 10, 10, 9, 9, 8, 7, 2, 0, 10];

    [Theory, OnSqlite, OnPostgres]
    public async Task NpsSurvey_AnsweredOverTwoWeeks_ScoresEachWeekAsComputedByHand(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var monday = LastMondayBefore(DateTime.UtcNow.AddDays(-14));

        var survey = await client.CreateSurveyAsync("nps", "Post-purchase NPS");
        var id = survey.GetGuid("id");
        foreach (var (score, i) in Week1.Select((s, i) => (s, i)))
        {
            await client.SubmitAsync(id, score, monday.AddHours(1 + (i * 12)));
        }

        foreach (var (score, i) in Week2.Select((s, i) => (s, i)))
        {
            await client.SubmitAsync(id, score, monday.AddDays(7).AddHours(1 + (i * 12)));
        }

        var listed = await client.GetJsonAsync($"/api/v1/responses?survey={id}&limit=500");
        var nps = await client.GetJsonAsync($"/api/v1/metrics/nps?groupBy=week&survey={id}&from={Api.Query(monday)}&to={Api.Query(monday.AddDays(14))}");

        Assert.Equal($"How likely are you to recommend {workspace.Workspace.Name} to a friend or colleague?", survey.GetString("question"));
        Assert.Equal(22, listed.GetProperty("items").GetArrayLength());
        Assert.Equal(Week1.Concat(Week2).Order(), listed.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("score").GetInt32()).Order());

        // Both weeks together: p = 12/22, d = 6/22 -> NPS 27.2727, MoE 1.96 x 100 x sqrt((18/22 - (6/22)^2) / 22) = 36.0390.
        Assert.Equal(22, nps.GetProperty("n").GetInt32());
        Assert.Equal(27.2727, nps.GetProperty("score").GetDouble(), 4);
        Assert.Equal(36.0390, nps.GetProperty("marginOfError").GetDouble(), 4);
        var groups = nps.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(2, groups.Count);
        Assert.Equal(DateOnly.FromDateTime(monday).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), groups[0].GetString("period"));
        Assert.Equal(10, groups[0].GetProperty("n").GetInt32());
        Assert.Equal(0, groups[0].GetProperty("score").GetDouble(), 4);
        Assert.Equal(55.4372, groups[0].GetProperty("marginOfError").GetDouble(), 4);
        Assert.Equal(12, groups[1].GetProperty("n").GetInt32());
        Assert.Equal(50, groups[1].GetProperty("score").GetDouble(), 4);
        Assert.Equal(43.2139, groups[1].GetProperty("marginOfError").GetDouble(), 4);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task NpsSurvey_PublicUrl_PointsAtTheSurveysLink(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        var survey = await client.CreateSurveyAsync("nps");
        var read = await client.GetJsonAsync($"/api/v1/surveys/{survey.GetGuid("id")}");

        var url = new Uri(read.GetString("publicUrl")!);
        Assert.Equal(survey.GetString("publicUrl"), read.GetString("publicUrl"));
        Assert.StartsWith("/s/", url.AbsolutePath, StringComparison.Ordinal);
        Assert.True(url.AbsolutePath.Length > "/s/".Length + 8, "The link id must be long enough not to be guessed.");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task GetNps_NineAnswers_ShowsTheCountButNoScore(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var id = (await client.CreateSurveyAsync("nps")).GetGuid("id");
        for (var i = 0; i < 9; i++)
        {
            await client.SubmitAsync(id, 10);
        }

        var nps = await client.GetJsonAsync("/api/v1/metrics/nps");

        Assert.Equal(9, nps.GetProperty("n").GetInt32());
        Assert.True(nps.IsNull("score"));
        Assert.True(nps.IsNull("marginOfError"));
        Assert.Equal(10, nps.GetProperty("minimumAnswers").GetInt32());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task GetCsat_CsatAndNpsSurveysAnswered_CountsOnlyCsatAnswers(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var csat = (await client.CreateSurveyAsync("csat")).GetGuid("id");
        var nps = (await client.CreateSurveyAsync("nps")).GetGuid("id");
        int[] scores = [5, 5, 4, 4, 4, 3, 2, 1, 5, 4];
        foreach (var score in scores)
        {
            await client.SubmitAsync(csat, score);
            await client.SubmitAsync(nps, 0);
        }

        var report = await client.GetJsonAsync("/api/v1/metrics/csat");

        // 7 of 10 answered 4 or 5: 70%, MoE 1.96 x 100 x sqrt(0.7 x 0.3 / 10) = 28.4031.
        Assert.Equal(10, report.GetProperty("n").GetInt32());
        Assert.Equal(70, report.GetProperty("score").GetDouble(), 4);
        Assert.Equal(28.4031, report.GetProperty("marginOfError").GetDouble(), 4);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task GetNps_GroupedByWeekInANewYorkWorkspaceWithSundayWeeks_CutsWeeksLocally(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider), "America/New_York", DayOfWeek.Sunday);
        using var client = workspace.Client();
        var id = (await client.CreateSurveyAsync("nps")).GetGuid("id");
        var sunday = LastMondayBefore(DateTime.UtcNow.AddDays(-14)).AddDays(-1);
        // Local midnight of that Sunday in New York, in UTC (04:00 or 05:00 depending on daylight saving).
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var localMidnight = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(sunday, DateTimeKind.Unspecified), zone);
        for (var i = 0; i < 10; i++)
        {
            // One minute before local midnight: Saturday evening in New York, already Sunday in UTC.
            await client.SubmitAsync(id, 10, localMidnight.AddMinutes(-1));
            await client.SubmitAsync(id, 0, localMidnight.AddMinutes(1));
        }

        var nps = await client.GetJsonAsync(
            $"/api/v1/metrics/nps?groupBy=week&from={Api.Query(localMidnight.AddDays(-7))}&to={Api.Query(localMidnight.AddDays(7))}");

        var groups = nps.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(2, groups.Count);
        Assert.Equal(DateOnly.FromDateTime(sunday.AddDays(-7)), DateOnly.Parse(groups[0].GetString("period")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(100, groups[0].GetProperty("score").GetDouble(), 4);
        Assert.Equal(DateOnly.FromDateTime(sunday), DateOnly.Parse(groups[1].GetString("period")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(-100, groups[1].GetProperty("score").GetDouble(), 4);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task GetMetrics_NoKey_Returns401(DatabaseProvider provider)
    {
        using var client = fixture.App(provider).CreateClient();

        using var response = await client.GetAsync("/api/v1/metrics/nps");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task NpsSurvey_AnsweredThroughItsPublicPage_IsListedAndScoredAsComputedByHand(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var survey = await client.CreateSurveyAsync("nps", "Store visit NPS");
        var id = survey.GetGuid("id");
        var url = new Uri(survey.GetString("publicUrl")!).PathAndQuery;

        foreach (var score in Week1)
        {
            using var respondent = new PageSession(workspace.App);
            var (page, html) = await respondent.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("name=\"score\" value=\"10\"", html, StringComparison.Ordinal);
            var (sent, _) = await respondent.PostAsync(url, PageSession.Form(("Score", score.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        var listed = await client.GetJsonAsync($"/api/v1/responses?survey={id}");
        var nps = await client.GetJsonAsync($"/api/v1/metrics/nps?groupBy=week&survey={id}");

        Assert.Equal(Week1.Order(), listed.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("score").GetInt32()).Order());
        Assert.Equal(10, nps.GetProperty("n").GetInt32());
        Assert.Equal(0, nps.GetProperty("score").GetDouble(), 4);
        Assert.Equal(55.4372, nps.GetProperty("marginOfError").GetDouble(), 4);
        Assert.Equal(10, nps.GetProperty("groups").EnumerateArray().Sum(g => g.GetProperty("n").GetInt32()));
    }

    private static DateTime LastMondayBefore(DateTime instant)
    {
        var day = instant.Date;
        return DateTime.SpecifyKind(day.AddDays(-(((int)day.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7)), DateTimeKind.Utc);
    }
}
