using System.Net;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Journeys;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Analytics.Rates;

/// <summary>GET /api/v1/surveys/{id}/ratings: the means of the rating questions besides the headline score.</summary>
[Collection(AppCollection.Name)]
public sealed class RatingsApiTests(AppFixture fixture)
{
    private const int Precision = 4;
    private const string November = "from=2025-11-01&to=2025-12-01";

    private static readonly int[] Stars = [5, 5, 4, 4, 4, 3, 3, 2, 5, 4, 1, 5];
    private static readonly string[] Fast = ["agree", "agree", "neutral", "disagree", "agree", "agree", "neutral", "agree", "agree", "disagree", "agree", "neutral"];

    /// <summary>
    /// 12 answers in November in Berlin, the first at 00:30 local on 1 November; the first 6 in chat. The first 3 also rate
    /// "friendly" (agree, neutral, agree); the last leaves the headline score unanswered. Nobody answers "effort".
    /// Left out: a partial answer, and answers at 23:30 on 31 October and 00:30 on 1 December local, all of 1 star.
    /// </summary>
    internal static async Task<(TestWorkspace Workspace, Guid Survey)> ArrangeAsync(TouchpointFactory app)
    {
        var workspace = await TestWorkspace.CreateAsync(app, "Europe/Berlin");
        var survey = await workspace.RatedSurveyAsync();
        var first = new DateTime(2025, 10, 31, 23, 30, 0, DateTimeKind.Utc);
        for (var i = 0; i < Stars.Length; i++)
        {
            var grid = i < 3 ? new Dictionary<string, string> { ["fast"] = Fast[i], ["friendly"] = i == 1 ? "neutral" : "agree" }
                : new Dictionary<string, string> { ["fast"] = Fast[i] };
            object answers = i == Stars.Length - 1 ? new { stars = Stars[i], grid } : new { score = 4, stars = Stars[i], grid };
            await workspace.RatedAnswerAsync(survey, first.AddDays(i * 2), answers, i < 6 ? Channel.Chat : Channel.Web);
        }

        await workspace.RatedAnswerAsync(survey, first.AddDays(3), new { score = 1, stars = 1 }, Channel.Chat, ResponseStatus.InProgress);
        await workspace.RatedAnswerAsync(survey, new DateTime(2025, 10, 31, 22, 30, 0, DateTimeKind.Utc), new { score = 1, stars = 1 }, Channel.Chat);
        await workspace.RatedAnswerAsync(survey, new DateTime(2025, 11, 30, 23, 30, 0, DateTimeKind.Utc), new { score = 1, stars = 1 }, Channel.Chat);
        return (workspace, survey);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Get_NovemberInBerlin_GivesHandComputedMeansSpreadsMarginsAndDistributions(DatabaseProvider provider)
    {
        var (workspace, survey) = await ArrangeAsync(fixture.App(provider));
        using var client = workspace.Client();

        var ratings = await client.GetJsonAsync($"/api/v1/surveys/{survey}/ratings?{November}");

        Assert.Equal(10, ratings.GetProperty("minimumAnswers").GetInt32());
        var items = ratings.GetProperty("questions").EnumerateArray().ToList();
        Assert.Equal(["stars", "grid", "grid", "effort"], items.Select(q => q.GetString("questionId")));
        // Stars: sum 45 of 12 -> mean 3.75; squared deviations 4 x 1.5625 + 4 x 0.0625 + 2 x 0.5625 + 3.0625 + 7.5625 = 18.25,
        // s = sqrt(18.25 / 11) = 1.28806; margin = t(0.975, 11) x s / sqrt(12) = 2.20099 x 1.28806 / 3.46410 = 0.81839.
        var stars = items[0];
        Assert.Equal("<b>x</b>", stars.GetString("title"));
        Assert.Equal(12, stars.GetProperty("n").GetInt32());
        Assert.Equal(3.75, stars.GetProperty("mean").GetDouble(), Precision);
        Assert.Equal(1.2881, stars.GetProperty("standardDeviation").GetDouble(), Precision);
        Assert.Equal(0.8184, stars.GetProperty("marginOfError").GetDouble(), Precision);
        Assert.Equal([1, 1, 2, 4, 4], stars.GetProperty("distribution").EnumerateArray().Select(v => v.GetInt32()));
        // Fast, by column position (disagree 1, neutral 2, agree 3): 7 x 3, 3 x 2, 2 x 1 = 29 -> mean 2.41667; squared
        // deviations 7 x 0.34028 + 3 x 0.17361 + 2 x 2.00694 = 6.91667, s = sqrt(6.91667 / 11) = 0.79296, margin 0.50382.
        var fast = items[1];
        Assert.Equal("fast", fast.GetString("row"));
        Assert.Equal("Fast", fast.GetString("rowText"));
        Assert.Equal(12, fast.GetProperty("n").GetInt32());
        Assert.Equal(2.4167, fast.GetProperty("mean").GetDouble(), Precision);
        Assert.Equal(0.7930, fast.GetProperty("standardDeviation").GetDouble(), Precision);
        Assert.Equal(0.5038, fast.GetProperty("marginOfError").GetDouble(), Precision);
        Assert.Equal([2, 3, 7], fast.GetProperty("distribution").EnumerateArray().Select(v => v.GetInt32()));
        // Friendly: 3 answers, under the 10 required.
        var friendly = items[2];
        Assert.Equal(3, friendly.GetProperty("n").GetInt32());
        Assert.True(friendly.IsNull("mean"));
        Assert.Equal("too few answers", friendly.GetString("note"));
        Assert.Equal(0, items[3].GetProperty("n").GetInt32());
        Assert.Equal(7, items[3].GetProperty("distribution").GetArrayLength());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Get_ChannelFilterAndLowerMinimum_UsesTheMetricsFiltersAndShowsSmallSamples(DatabaseProvider provider)
    {
        var (workspace, survey) = await ArrangeAsync(fixture.App(provider));
        using var client = workspace.Client();

        var chat = await client.GetJsonAsync($"/api/v1/surveys/{survey}/ratings?{November}&channel=chat");
        await workspace.SetMinimumAnswersAsync(3);
        var lower = await client.GetJsonAsync($"/api/v1/surveys/{survey}/ratings?{November}");
        var csv = await client.GetAsync($"/api/v1/surveys/{survey}/ratings?{November}&format=csv");

        // Chat: the first 6 answers, 5 5 4 4 4 3: too few under the default 10.
        var stars = chat.GetProperty("questions")[0];
        Assert.Equal(6, stars.GetProperty("n").GetInt32());
        Assert.True(stars.IsNull("mean"));
        Assert.Equal([0, 0, 1, 3, 2], stars.GetProperty("distribution").EnumerateArray().Select(v => v.GetInt32()));
        // Friendly with a minimum of 3: 3 2 3 -> mean 2.66667, s = sqrt(0.66667 / 2) = 0.57735, margin = 4.30265 x 0.57735 / 1.73205 = 1.43422.
        var friendly = lower.GetProperty("questions")[2];
        Assert.Equal(2.6667, friendly.GetProperty("mean").GetDouble(), Precision);
        Assert.Equal(0.5774, friendly.GetProperty("standardDeviation").GetDouble(), Precision);
        Assert.Equal(1.4342, friendly.GetProperty("marginOfError").GetDouble(), Precision);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("question_id,row,question,statement,n,mean,standard_deviation,margin_of_error,answered_1,answered_2,answered_3,answered_4,answered_5,answered_6,answered_7", lines[0]);
        Assert.Equal("stars,,<b>x</b>,,12,3.75,1.2881,0.8184,1,1,2,4,4,,", lines[1]);
        Assert.Equal("effort,,It was easy.,,0,too few answers,,,0,0,0,0,0,0,0", lines[4]);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Get_AnotherWorkspacesOrUnknownSurveyOrBadInput_IsNotFoundOrFieldErrors(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var (_, theirs) = await ArrangeAsync(app);
        var workspace = await TestWorkspace.CreateAsync(app);
        var mine = await workspace.RatedSurveyAsync();
        using var client = workspace.Client();

        await Problem.AssertAsync(await client.GetAsync($"/api/v1/surveys/{theirs}/ratings"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await client.GetAsync($"/api/v1/surveys/{Guid.NewGuid()}/ratings"), HttpStatusCode.NotFound);
        await Problem.AssertFieldAsync(await client.GetAsync($"/api/v1/surveys/{mine}/ratings?to=31.12.2025"), HttpStatusCode.BadRequest, "to");
        await Problem.AssertFieldAsync(await client.GetAsync($"/api/v1/surveys/{mine}/ratings?channel=pigeon"), HttpStatusCode.BadRequest, "channel");
        await Problem.AssertFieldAsync(await client.GetAsync($"/api/v1/surveys/{mine}/ratings?segment={Guid.NewGuid()}"), HttpStatusCode.BadRequest, "segment");
        await Problem.AssertFieldAsync(await client.GetAsync($"/api/v1/surveys/{mine}/ratings?format=pdf"), HttpStatusCode.BadRequest, "format");
        var empty = await client.GetJsonAsync($"/api/v1/surveys/{mine}/ratings?{November}");
        Assert.All(empty.GetProperty("questions").EnumerateArray(), q => Assert.Equal(0, q.GetProperty("n").GetInt32()));
    }
}
