using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;
using Touchpoint.Tests.Tracking;
using static Touchpoint.Tests.Journeys.JourneyTestData;

namespace Touchpoint.Tests.Journeys;

/// <summary>
/// GET /api/v1/journeys/{id}/analytics: per touch point scores, trends and volumes, and the stage
/// funnel, each checked against values worked out by hand.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class JourneyAnalyticsApiTests(AppFixture fixture)
{
    // A 30-day period; the previous period is the 30 days before it: [2025-12-02, 2026-01-01).
    private static readonly DateTime From = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime To = new(2026, 1, 31, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime InPeriod = new(2026, 1, 10, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime InPrevious = new(2025, 12, 15, 12, 0, 0, DateTimeKind.Utc);

    [Theory, OnSqlite, OnPostgres]
    public async Task Analytics_PartialAnswerWithAScore_IsNotCountedAsTheMetricsApiDoesNot(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var journey = await CreateJourneyAsync(client, "Store", ("buy", [("Till", "store")]));
        var till = TouchPoint(journey, "Till");
        var nps = (await client.CreateSurveyAsync("nps")).GetGuid("id");
        await AnswerAsync(client, nps, till, InPeriod, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10);
        // Someone scored 0 on the first page and never finished: not an answer to count.
        await workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            db.Responses.Add(new Touchpoint.Core.Feedback.Response
            {
                WorkspaceId = workspace.Id,
                SurveyId = nps,
                Metric = Touchpoint.Core.Surveys.SurveyMetric.Nps,
                Score = 0,
                Status = Touchpoint.Core.Feedback.ResponseStatus.InProgress,
                TouchPointId = till,
                StartedAt = InPeriod,
                SubmittedAt = InPeriod,
            });
            await db.SaveChangesAsync();
        });

        var analytics = await client.GetJsonAsync(
            $"/api/v1/journeys/{journey.GetGuid("id")}/analytics?metric=nps&from={Api.Query(From)}&to={Api.Query(To)}");
        var metric = await client.GetJsonAsync($"/api/v1/metrics/nps?touchpoint={till}&from={Api.Query(From)}&to={Api.Query(To)}");

        var card = Card(analytics, "Till");
        Assert.Equal(10, card.GetProperty("n").GetInt32());
        Assert.Equal(100, Number(card, "score")!.Value, 2);
        Assert.Equal(metric.GetProperty("n").GetInt32(), card.GetProperty("n").GetInt32());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Analytics_PerTouchPoint_ScoresMarginsTrendsAndVolumesAsWorkedOut(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var journey = await CreateJourneyAsync(client, "Store", ("visit", [("Store entrance", "store")]),
            ("buy", [("Till", "store"), ("Web checkout", "web")]));
        var (entrance, till, web) = (TouchPoint(journey, "Store entrance"), TouchPoint(journey, "Till"), TouchPoint(journey, "Web checkout"));
        var nps = (await client.CreateSurveyAsync("nps")).GetGuid("id");
        var csat = (await client.CreateSurveyAsync("csat")).GetGuid("id");
        await AnswerAsync(client, nps, till, InPeriod, 10, 10, 9, 9, 8, 7, 6, 5, 3, 0);
        await AnswerAsync(client, nps, till, InPrevious, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10);
        await AnswerAsync(client, csat, till, InPeriod, 5);
        await AnswerAsync(client, nps, entrance, InPeriod, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 0, 0);
        await AnswerAsync(client, nps, entrance, InPrevious, 10, 10, 10, 10, 10, 10, 10, 10, 10, 8, 0, 0);
        await AnswerAsync(client, nps, web, InPeriod, 10, 10, 10, 10, 10, 10, 10, 10, 10);
        await client.PostJsonAsync("/api/v1/tracking/mappings", new { touchPointId = till, eventName = "Till Paid" }, HttpStatusCode.Created);
        using var tracking = workspace.TrackingClientFor(await workspace.CreateWriteKeyAsync());
        foreach (var at in new[] { InPeriod, InPeriod.AddDays(1), InPeriod.AddDays(2), InPrevious })
        {
            await tracking.PostJsonAsync("/v1/track", new { userId = "shopper", @event = "Till Paid", timestamp = at }, HttpStatusCode.OK);
        }

        var analytics = await client.GetJsonAsync(
            $"/api/v1/journeys/{journey.GetGuid("id")}/analytics?metric=nps&from={Api.Query(From)}&to={Api.Query(To)}");

        // Till: 4 promoters, 4 detractors of 10: NPS 0, margin 1.96 x 100 x sqrt((0.8 - 0) / 10) = 55.44.
        // Before: ten 10s, NPS 100 with no spread; z = 100 / (55.44 / 1.96) = 3.54, p = 0.0004: a real fall.
        var tillCard = Card(analytics, "Till");
        Assert.Equal(0, Number(tillCard, "score")!.Value, 2);
        Assert.Equal(10, tillCard.GetProperty("n").GetInt32());
        Assert.Equal(55.44, Number(tillCard, "marginOfError")!.Value, 2);
        Assert.Equal(100, Number(tillCard, "previousScore")!.Value, 2);
        Assert.Equal(-100, Number(tillCard, "change")!.Value, 2);
        Assert.True(tillCard.GetProperty("significantChange").GetBoolean());
        Assert.True(tillCard.GetProperty("weakest").GetBoolean());
        Assert.Equal(11, tillCard.GetProperty("volume").GetProperty("responses").GetInt32());
        Assert.Equal(3, tillCard.GetProperty("volume").GetProperty("events").GetInt32());
        // Six 5-day slices of January; every answer was on the 10th, in the second slice.
        Assert.Equal([null, 0d, null, null, null, null],
            tillCard.GetProperty("sparkline").EnumerateArray().Select(v => v.ValueKind == System.Text.Json.JsonValueKind.Null ? (double?)null : v.GetDouble()));

        // Entrance: 10 promoters, 2 detractors of 12: NPS 66.67; variance 1 - (8/12)^2 = 0.5556, margin 1.96 x 100 x sqrt(0.5556 / 12) = 42.17.
        // Before: 9 promoters, 1 passive, 2 detractors: 58.33. A rise of 8.33 with margins near 43 is noise.
        var entranceCard = Card(analytics, "Store entrance");
        Assert.Equal(66.67, Number(entranceCard, "score")!.Value, 2);
        Assert.Equal(42.17, Number(entranceCard, "marginOfError")!.Value, 2);
        Assert.Equal(58.33, Number(entranceCard, "previousScore")!.Value, 2);
        Assert.Equal(8.33, Number(entranceCard, "change")!.Value, 2);
        Assert.False(entranceCard.GetProperty("significantChange").GetBoolean());
        Assert.False(entranceCard.GetProperty("weakest").GetBoolean());

        // Web checkout: nine answers, one short of the minimum: no score, no trend, never called weak.
        var webCard = Card(analytics, "Web checkout");
        Assert.Null(Number(webCard, "score"));
        Assert.Equal(9, webCard.GetProperty("n").GetInt32());
        Assert.Null(Number(webCard, "change"));
        Assert.False(webCard.GetProperty("significantChange").GetBoolean());
        Assert.False(webCard.GetProperty("weakest").GetBoolean());
        Assert.Equal(10, analytics.GetProperty("minimumAnswers").GetInt32());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Analytics_Funnel_CountsConversionDropOffAndTimesFromEventSequences(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var journey = await CreateJourneyAsync(client, "Funnel", ("look", [("Ad", "social")]), ("try", [("Trial web", "web"), ("Trial app", "app")]),
            ("buy", [("Checkout", "web")]));
        foreach (var (name, point) in new[] { ("A1", "Ad"), ("B1", "Trial web"), ("B2", "Trial app"), ("C1", "Checkout") })
        {
            await client.PostJsonAsync("/api/v1/tracking/mappings", new { touchPointId = TouchPoint(journey, point), eventName = name }, HttpStatusCode.Created);
        }

        using var tracking = workspace.TrackingClientFor(await workspace.CreateWriteKeyAsync());
        var feb = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        (string User, string Event, DateTime At)[] events =
        [
            ("u1", "A1", feb.AddDays(1).AddHours(10)), ("u1", "B1", feb.AddDays(1).AddHours(12)), ("u1", "C1", feb.AddDays(4).AddHours(12)),
            ("u2", "A1", feb.AddDays(2)), ("u2", "B2", feb.AddDays(3)), ("u2", "A1", feb.AddDays(9)),
            ("u3", "A1", feb.AddDays(3)),
            ("u4", "B1", feb.AddDays(5)), ("u4", "A1", feb.AddDays(6)), ("u4", "C1", feb.AddDays(7)),
            ("u5", "A1", feb.AddDays(-12)), ("u5", "B1", feb.AddDays(9)),
            ("u6", "A1", feb), ("u6", "B1", feb.AddHours(6)), ("u6", "B1", feb.AddDays(2)), ("u6", "C1", feb.AddDays(29)),
        ];
        foreach (var (user, name, at) in events)
        {
            await tracking.PostJsonAsync("/v1/track", new { userId = user, @event = name, timestamp = at }, HttpStatusCode.OK);
        }

        var analytics = await client.GetJsonAsync(
            $"/api/v1/journeys/{journey.GetGuid("id")}/analytics?from={Api.Query(feb)}&to={Api.Query(feb.AddDays(28))}");
        var funnel = analytics.GetProperty("funnel").EnumerateArray().ToList();

        // look: u1, u2, u3, u4, u6 (u5's ad was before the period). Went on to try afterwards: u1 (2 h), u2 (24 h), u6 (6 h);
        // u4 tried before seeing the ad. 3 of 5: 60%, drop-off 40%; times 2, 6, 24 h: median (rank 2) 6 h, p90 (rank 3) 24 h.
        Assert.Equal(["look", "try", "buy"], funnel.Select(f => f.GetString("stage")));
        Assert.Equal(5, funnel[0].GetProperty("reached").GetInt32());
        Assert.Equal(3, funnel[0].GetProperty("wentOn").GetInt32());
        Assert.Equal(60, Number(funnel[0], "conversionPercent")!.Value, 6);
        Assert.Equal(40, Number(funnel[0], "dropOffPercent")!.Value, 6);
        Assert.Equal(6 * 3600, Number(funnel[0], "medianSeconds"));
        Assert.Equal(24 * 3600, Number(funnel[0], "p90Seconds"));
        // try: u1, u2, u4, u5, u6. Bought afterwards in the period: u1 (72 h), u4 (48 h); u6 bought after it ended.
        // 2 of 5: 40%, drop-off 60%; median (rank 1) 48 h, p90 (rank 2) 72 h.
        Assert.Equal(5, funnel[1].GetProperty("reached").GetInt32());
        Assert.Equal(2, funnel[1].GetProperty("wentOn").GetInt32());
        Assert.Equal(40, Number(funnel[1], "conversionPercent")!.Value, 6);
        Assert.Equal(60, Number(funnel[1], "dropOffPercent")!.Value, 6);
        Assert.Equal(48 * 3600, Number(funnel[1], "medianSeconds"));
        Assert.Equal(72 * 3600, Number(funnel[1], "p90Seconds"));
        // buy is the last stage: reached by u1 and u4, nothing after it.
        Assert.Equal(2, funnel[2].GetProperty("reached").GetInt32());
        Assert.True(funnel[2].IsNull("wentOn"));
        Assert.True(funnel[2].IsNull("conversionPercent"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Analytics_BadMetricOrRange_Answers400NamingTheField(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var id = (await client.GetJsonAsync("/api/v1/journeys")).GetProperty("items")[0].GetGuid("id");

        using var badMetric = await client.GetAsync($"/api/v1/journeys/{id}/analytics?metric=happiness");
        using var backwards = await client.GetAsync($"/api/v1/journeys/{id}/analytics?from={Api.Query(To)}&to={Api.Query(From)}");
        using var missing = await client.GetAsync($"/api/v1/journeys/{Guid.NewGuid()}/analytics");

        await Problem.AssertFieldAsync(badMetric, HttpStatusCode.BadRequest, "metric");
        await Problem.AssertFieldAsync(backwards, HttpStatusCode.BadRequest, "to");
        await Problem.AssertAsync(missing, HttpStatusCode.NotFound);
    }
}
