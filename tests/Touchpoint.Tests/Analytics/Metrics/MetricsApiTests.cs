using System.Net;
using System.Text.Json;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Segments;
using Touchpoint.Core.Surveys;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Analytics.Metrics;

/// <summary>GET /api/v1/metrics/{metric} with breakdowns, comparisons and CSV; the drill-down; the minimum answers setting.</summary>
[Collection(AppCollection.Name)]
public sealed class MetricsApiTests(AppFixture fixture)
{
    private const int Precision = 4;

    [Theory, OnSqlite, OnPostgres]
    public async Task Compare_Nps20ThenNps40OnTwoHundredEach_ReportsTheHandComputedChangeAsSignificant(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync("nps")).GetGuid("id");
        var end = DateTime.UtcNow.Date.AddHours(-3);
        var start = end.AddDays(-5);
        // Previous 5 days: 80 promoters, 80 passives, 40 detractors -> NPS 20. Current 5 days: 100, 80, 20 -> NPS 40.
        await AddAnswersAsync(workspace, survey, start.AddDays(-5), start, Scores(80, 80, 40));
        await AddAnswersAsync(workspace, survey, start, end, Scores(100, 80, 20));

        var nps = await client.GetJsonAsync($"/api/v1/metrics/nps?from={Api.Query(start)}&to={Api.Query(end)}&compare=previous");

        // Current: p = 0.5, d = 0.1, variance 0.6 - 0.16 = 0.44, SE = 100 x sqrt(0.44 / 200) = 4.6904, MoE = 1.96 x SE = 9.1932.
        // Previous: p = 0.4, d = 0.2, variance 0.6 - 0.04 = 0.56, SE = 100 x sqrt(0.56 / 200) = 5.2915, MoE = 10.3713.
        // SE(diff) = sqrt(4.6904^2 + 5.2915^2) = sqrt(22 + 28) = 7.0711; z = 20 / 7.0711 = 2.8284; p = 2 (1 - Phi(2.8284)) = 0.004678.
        Assert.Equal(40, nps.GetProperty("score").GetDouble(), Precision);
        Assert.Equal(200, nps.GetProperty("n").GetInt32());
        Assert.Equal(9.1932, nps.GetProperty("marginOfError").GetDouble(), Precision);
        var comparison = nps.GetProperty("comparison");
        Assert.Equal("previous", comparison.GetString("with"));
        Assert.Equal(20, comparison.GetProperty("score").GetDouble(), Precision);
        Assert.Equal(200, comparison.GetProperty("n").GetInt32());
        Assert.Equal(10.3713, comparison.GetProperty("marginOfError").GetDouble(), Precision);
        Assert.Equal(20, comparison.GetProperty("difference").GetDouble(), Precision);
        Assert.Equal(0.004678, comparison.GetProperty("pValue").GetDouble(), 6);
        Assert.True(comparison.GetProperty("significant").GetBoolean());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Breakdown_BySegmentFromTheSnapshot_ScoresEachGroupAndFlagsOnlyRealDifferences(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync("nps")).GetGuid("id");
        var (loyal, wavering, tiny) = await workspace.QueryAsync(async db =>
        {
            var now = DateTime.UtcNow;
            Segment New(string name) => new() { Name = name, Kind = SegmentKind.Static, CreatedAt = now, UpdatedAt = now };
            var made = (New("<b>x</b>"), New("=Wavering"), New("Tiny"));
            db.Segments.AddRange(made.Item1, made.Item2, made.Item3);
            await db.SaveChangesAsync();
            return (made.Item1.Id, made.Item2.Id, made.Item3.Id);
        });
        var end = DateTime.UtcNow.AddHours(-1);
        var start = end.AddDays(-20);
        // Loyal: 70 promoters, 20 passives, 10 detractors -> 60. Wavering: 30, 30, 40 -> -10. Tiny: 3 promoters (under 10 answers).
        await AddAnswersAsync(workspace, survey, start, end, Scores(70, 20, 10), loyal);
        await AddAnswersAsync(workspace, survey, start, end, Scores(30, 30, 40), wavering);
        await AddAnswersAsync(workspace, survey, start, end, Scores(3, 0, 0), tiny);
        var range = $"from={Api.Query(start.AddMinutes(-1))}&to={Api.Query(end.AddMinutes(1))}";

        var nps = await client.GetJsonAsync($"/api/v1/metrics/nps?{range}&breakdown=segment");
        var drill = await ListAllAsync(client, $"/api/v1/responses?metric=nps&{range}&segment={loyal}");
        var csv = await client.GetAsync($"/api/v1/metrics/nps?{range}&breakdown=segment&format=csv");

        // Overall: 203 answers, 103 promoters, 50 detractors -> 100 x 53 / 203 = 26.1084.
        Assert.Equal(203, nps.GetProperty("n").GetInt32());
        Assert.Equal(26.1084, nps.GetProperty("score").GetDouble(), Precision);
        Assert.Equal("segment", nps.GetString("breakdownBy"));
        var groups = nps.GetProperty("breakdown").EnumerateArray().ToDictionary(g => g.GetString("key")!);
        var first = groups[loyal.ToString("D")];
        Assert.Equal("<b>x</b>", first.GetString("label"));
        Assert.Equal(100, first.GetProperty("n").GetInt32());
        Assert.Equal(60, first.GetProperty("score").GetDouble(), Precision);
        // Loyal vs the rest (wavering and tiny: 103 answers, 33 promoters, 40 detractors -> -6.7961): a real difference.
        Assert.Equal(66.7961, first.GetProperty("differenceVsRest").GetDouble(), Precision);
        Assert.True(first.GetProperty("significantVsRest").GetBoolean());
        Assert.Equal(-10, groups[wavering.ToString("D")].GetProperty("score").GetDouble(), Precision);
        Assert.Equal(3, groups[tiny.ToString("D")].GetProperty("n").GetInt32());
        Assert.True(groups[tiny.ToString("D")].IsNull("score"));
        Assert.False(groups[tiny.ToString("D")].GetProperty("significantVsRest").GetBoolean());
        // The drill-down lists exactly the answers counted for the loyal segment.
        Assert.Equal(100, drill.Count);
        Assert.Equal(70, drill.Count(r => r.GetProperty("score").GetInt32() >= 9));
        // CSV: the table, with a label that looks like a formula kept as text.
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("segment,label,n,score,margin_of_error,significant_vs_rest,difference_vs_rest,p_value_vs_rest", lines[0]);
        Assert.Contains(lines, l => l.StartsWith($"{wavering:D},'=Wavering,100,-10,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{tiny:D},Tiny,3,too few answers,", StringComparison.Ordinal));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Get_BadFiltersOrAnotherWorkspacesIds_AreFieldErrors(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        var other = await TestWorkspace.CreateAsync(app);
        var theirs = await other.QueryAsync(async db =>
        {
            var segment = new Segment { Name = "Theirs", Kind = SegmentKind.Static, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Segments.Add(segment);
            await db.SaveChangesAsync();
            return segment.Id;
        });
        using var client = workspace.Client();

        await Problem.AssertFieldAsync(await client.GetAsync("/api/v1/metrics/nps?breakdown=mood"), HttpStatusCode.BadRequest, "breakdown");
        await Problem.AssertFieldAsync(await client.GetAsync($"/api/v1/metrics/nps?segment={theirs}"), HttpStatusCode.BadRequest, "segment");
        await Problem.AssertFieldAsync(await client.GetAsync($"/api/v1/responses?metric=nps&segment={theirs}"), HttpStatusCode.BadRequest, "segment");
        await Problem.AssertFieldAsync(await client.GetAsync("/api/v1/metrics/nps?persona=not-an-id"), HttpStatusCode.BadRequest, "persona");
        await Problem.AssertFieldAsync(await client.GetAsync("/api/v1/metrics/nps?trait.plan=gold"), HttpStatusCode.BadRequest, "trait.plan");
        await Problem.AssertFieldAsync(await client.GetAsync("/api/v1/metrics/nps?compare=yesterday"), HttpStatusCode.BadRequest, "compare");
        await Problem.AssertFieldAsync(await client.GetAsync("/api/v1/metrics/nps?format=xml"), HttpStatusCode.BadRequest, "format");
        await Problem.AssertFieldAsync(await client.GetAsync("/api/v1/metrics/nps?channel=pigeon"), HttpStatusCode.BadRequest, "channel");
        await Problem.AssertFieldAsync(await client.GetAsync("/api/v1/responses?metric=happiness"), HttpStatusCode.BadRequest, "metric");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task MinimumAnswers_SetToThree_ShowsAScoreOnThreeAnswersAndRefusesZero(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync("nps")).GetGuid("id");
        foreach (var score in new[] { 10, 9, 3 })
        {
            await client.SubmitAsync(survey, score, DateTime.UtcNow.AddHours(-2));
        }

        var before = await client.GetJsonAsync("/api/v1/metrics/nps");
        using var put = await client.PutAsync("/api/v1/settings/metrics", Api.Json("""{"minimumAnswers":3}"""));
        var after = await client.GetJsonAsync("/api/v1/metrics/nps");
        using var zero = await client.PutAsync("/api/v1/settings/metrics", Api.Json("""{"minimumAnswers":0}"""));
        var readOnly = await workspace.CreateKeyAsync(Core.Platform.ApiKeyKind.Rest, ApiScopes.Read);
        using var reader = workspace.ClientWithKey(readOnly.PlainKey);
        using var refused = await reader.PutAsync("/api/v1/settings/metrics", Api.Json("""{"minimumAnswers":5}"""));

        Assert.True(before.IsNull("score"));
        Assert.Equal(10, before.GetProperty("minimumAnswers").GetInt32());
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        // 2 promoters, 1 detractor of 3: 100 x (2 - 1) / 3 = 33.3333.
        Assert.Equal(33.3333, after.GetProperty("score").GetDouble(), Precision);
        Assert.Equal(3, after.GetProperty("minimumAnswers").GetInt32());
        await Problem.AssertFieldAsync(zero, HttpStatusCode.BadRequest, "minimumAnswers");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static IEnumerable<int> Scores(int promoters, int passives, int detractors) =>
        Enumerable.Repeat(10, promoters).Concat(Enumerable.Repeat(8, passives)).Concat(Enumerable.Repeat(3, detractors));

    /// <summary>Completed answers spread evenly over [from, to), each with a snapshot naming <paramref name="segment"/>.</summary>
    private static Task<int> AddAnswersAsync(TestWorkspace workspace, Guid survey, DateTime from, DateTime to, IEnumerable<int> scores,
        Guid? segment = null) =>
        workspace.QueryAsync(async db =>
        {
            var list = scores.ToList();
            var step = (to - from) / list.Count;
            var snapshot = segment is { } id ? JsonSerializer.Serialize(new { segments = new[] { id.ToString("D") }, persona = (string?)null }) : null;
            db.Responses.AddRange(list.Select((score, i) => new Response
            {
                SurveyId = survey,
                Metric = SurveyMetric.Nps,
                Score = score,
                Snapshot = snapshot,
                StartedAt = from + (step * i),
                SubmittedAt = from + (step * i),
            }));
            return await db.SaveChangesAsync();
        });

    private static async Task<List<JsonElement>> ListAllAsync(HttpClient client, string url)
    {
        var items = new List<JsonElement>();
        string? next = null;
        do
        {
            var page = await client.GetJsonAsync(url + "&limit=500" + (next is null ? "" : $"&cursor={Uri.EscapeDataString(next)}"));
            items.AddRange(page.GetProperty("items").EnumerateArray());
            next = page.GetProperty("next").GetString();
        }
        while (next is not null);
        return items;
    }
}
