using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Segments;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Text.Storage;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Analytics.Drivers;

/// <summary>
/// Key drivers through the API and the page, on the hand-made 80 answers of <see cref="RelativeWeightsTests.HandMade"/>:
/// the topic "Delivery" (answers in cells (1,0) and (1,1)) and the segment "Loyal &lt;b&gt;x&lt;/b&gt;" (cells (0,1) and (1,1)).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DriversApiTests(AppFixture fixture)
{
    private const string Period = "from=2026-05-01T00:00:00Z&to=2026-06-01T00:00:00Z";
    private const string HostileSegment = "Loyal <b>x</b>";
    private const string RareSegment = "Rare <i>y</i>";

    [Theory, OnSqlite, OnPostgres]
    public async Task Drivers_OfTheHandMadeAnswers_MatchTheWeightsWorkedOutOnPaper(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var (loyal, rare) = await SeedAsync(workspace, answers: 80);
        using var client = workspace.Client();

        var json = await client.GetJsonAsync($"/api/v1/metrics/drivers?metric=nps&{Period}");
        var again = await client.GetJsonAsync($"/api/v1/metrics/drivers?metric=nps&{Period}");

        Assert.Equal(JsonValueKind.Null, json.GetProperty("refusal").ValueKind);
        Assert.Equal(80, json.GetProperty("responses").GetInt32());
        Assert.Equal(25, json.GetProperty("overallScore").GetDouble(), 9);
        Assert.Equal(5.0 / 7, json.GetProperty("rSquared").GetDouble(), 9);
        var drivers = json.GetProperty("drivers").EnumerateArray().ToList();
        Assert.Equal(2, drivers.Count);
        // Biggest first: the segment (80% of R^2, NPS 75 among its 40 answers), then the topic (20%, NPS 50).
        Assert.Equal($"segment:{loyal}", drivers[0].GetProperty("key").GetString());
        Assert.Equal($"Segment: {HostileSegment}", drivers[0].GetProperty("label").GetString());
        Assert.Equal(80, drivers[0].GetProperty("importance").GetDouble(), 9);
        Assert.Equal(4.0 / 7, drivers[0].GetProperty("rawWeight").GetDouble(), 9);
        Assert.Equal(75, drivers[0].GetProperty("performance").GetDouble(), 9);
        Assert.Equal(40, drivers[0].GetProperty("cases").GetInt32());
        Assert.Equal("keep up", drivers[0].GetProperty("quadrant").GetString());
        Assert.Equal("topic:Delivery", drivers[1].GetProperty("key").GetString());
        Assert.Equal(20, drivers[1].GetProperty("importance").GetDouble(), 9);
        Assert.Equal(50, drivers[1].GetProperty("performance").GetDouble(), 9);
        Assert.Equal("possible overkill", drivers[1].GetProperty("quadrant").GetString());
        Assert.Contains("topic=Delivery", drivers[1].GetProperty("responsesUrl").GetString(), StringComparison.Ordinal);
        foreach (var d in drivers)
        {
            Assert.InRange(d.GetProperty("importance").GetDouble(), d.GetProperty("importanceLow").GetDouble(), d.GetProperty("importanceHigh").GetDouble());
        }

        // The bootstrap starts from a fixed seed: the same answers give the same intervals.
        Assert.Equal(json.GetProperty("drivers").GetRawText(), again.GetProperty("drivers").GetRawText());
        var tooFew = Assert.Single(json.GetProperty("tooFewCases").EnumerateArray());
        Assert.Equal($"segment:{rare}", tooFew.GetProperty("key").GetString());
        Assert.Equal(5, tooFew.GetProperty("cases").GetInt32());
        Assert.Equal(JsonValueKind.Null, tooFew.GetProperty("importance").ValueKind);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Drivers_OnExactlyTheSameAnswers_AreShownOnce_AndComplementsShareTheirWeight(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        await SeedAsync(workspace, answers: 80);
        // Every answer with the topic came by phone, every other one on the web: the phone channel is the topic's twin,
        // the web channel its complement (web = 1 - topic), so the topic's 1/7 is split evenly with it.
        await workspace.QueryAsync(db => db.Responses.Where(r => db.AnalyzedTexts.Any(a => a.ResponseId == r.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Channel, Channel.Phone)));
        using var client = workspace.Client();

        var json = await client.GetJsonAsync($"/api/v1/metrics/drivers?metric=nps&{Period}");

        Assert.Equal(5.0 / 7, json.GetProperty("rSquared").GetDouble(), 9);
        var drivers = json.GetProperty("drivers").EnumerateArray().ToDictionary(d => d.GetProperty("label").GetString()!, d => d.GetProperty("importance").GetDouble());
        Assert.Equal(3, drivers.Count);
        Assert.Equal(80, drivers[$"Segment: {HostileSegment}"], 6);
        Assert.Equal(10, drivers["Topic: Delivery = Channel: Phone"], 6);
        Assert.Equal(10, drivers["Channel: Web"], 6);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Drivers_UnderFiftyAnswers_SayTooFewInsteadOfNumbers(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        await SeedAsync(workspace, answers: 49);
        using var client = workspace.Client();

        var json = await client.GetJsonAsync($"/api/v1/metrics/drivers?metric=nps&{Period}");
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);
        var (page, html) = await session.GetAsync("/insights/drivers?metric=nps&from=2026-05-01&to=2026-05-31");

        Assert.Equal(49, json.GetProperty("responses").GetInt32());
        Assert.Contains("Too few answers: 49 of the 50", json.GetProperty("refusal").GetString(), StringComparison.Ordinal);
        Assert.Empty(json.GetProperty("drivers").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("rSquared").ValueKind);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Too few answers: 49 of the 50", PageSession.Text(html), StringComparison.Ordinal);
        Assert.DoesNotContain("driver-matrix-data", html, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task DriversPage_ShowsTheMatrixAndTable_WithNamesEncodedAndDrillDownLinks(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var (loyal, _) = await SeedAsync(workspace, answers: 80);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (page, html) = await session.GetAsync("/insights/drivers?metric=nps&from=2026-05-01&to=2026-05-31");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("<b>x</b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>y</i>", html, StringComparison.Ordinal);
        Assert.Contains("Segment: Loyal &lt;b&gt;x&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains($"/responses?from=2026-05-01&amp;to=2026-05-31&amp;segment={loyal}", html, StringComparison.Ordinal);
        Assert.Contains("id=\"driver-matrix\"", html, StringComparison.Ordinal);
        var text = PageSession.Text(html);
        Assert.Contains("80.0", text, StringComparison.Ordinal);
        Assert.Contains("keep up", text, StringComparison.Ordinal);
        Assert.Contains("possible overkill", text, StringComparison.Ordinal);
        Assert.Contains("Too few answers to score", text, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Drivers_WithBadInput_AnswerWhichFieldToFix_AndAnotherWorkspacesSegmentIsUnknown(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var (loyal, _) = await SeedAsync(workspace, answers: 80);
        var other = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = other.Client();

        await Problem.AssertFieldAsync(await client.GetAsync("/api/v1/metrics/drivers?metric=ces"), HttpStatusCode.BadRequest, "metric");
        await Problem.AssertFieldAsync(await client.GetAsync("/api/v1/metrics/drivers?channel=pigeon"), HttpStatusCode.BadRequest, "channel");
        await Problem.AssertFieldAsync(await client.GetAsync("/api/v1/metrics/drivers?from=2026-06-01T00:00:00Z&to=2026-05-01T00:00:00Z"),
            HttpStatusCode.BadRequest, "to");
        await Problem.AssertFieldAsync(await client.GetAsync($"/api/v1/metrics/drivers?segment={loyal}&{Period}"), HttpStatusCode.BadRequest, "segment");
        var json = await client.GetJsonAsync($"/api/v1/metrics/drivers?{Period}");
        Assert.Equal(0, json.GetProperty("responses").GetInt32());
        using var agent = await AgentSessionAsync(workspace);
        var (denied, _) = await agent.GetAsync("/insights/drivers");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }

    /// <summary>Agents answer customers; analyses are for those who view analytics.</summary>
    private static async Task<PageSession> AgentSessionAsync(TestWorkspace workspace)
    {
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        var session = new PageSession(workspace.App);
        await session.SignInAsync(agent.Email!, TestWorkspace.Password);
        return session;
    }

    /// <summary>
    /// The first <paramref name="answers"/> of the 80 hand-made answers (cells in order), all on 2026-05-10, on the web;
    /// the rare segment is on the first 5 answers of cell (0,0).
    /// </summary>
    private static Task<(Guid Loyal, Guid Rare)> SeedAsync(TestWorkspace workspace, int answers) =>
        workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            var at = new DateTime(2026, 5, 10, 12, 0, 0, DateTimeKind.Utc);
            var survey = new Survey { Name = "NPS", Definition = "{}", Metric = SurveyMetric.Nps, LinkId = Guid.NewGuid().ToString("N"), CreatedAt = at };
            var loyal = new Segment { Name = HostileSegment, Kind = SegmentKind.Static, CreatedAt = at, UpdatedAt = at };
            var rare = new Segment { Name = RareSegment, Kind = SegmentKind.Static, CreatedAt = at, UpdatedAt = at };
            db.AddRange(survey, loyal, rare);
            await db.SaveChangesAsync();
            var cells = new (bool Topic, bool Segment, int Score, int Count)[]
            {
                (false, false, 3, 10), (false, false, 7, 10), (true, false, 8, 20), (false, true, 7, 10), (false, true, 10, 10), (true, true, 9, 20),
            };
            var rows = cells.SelectMany(c => Enumerable.Repeat(c, c.Count)).Take(answers).ToList();
            foreach (var (row, i) in rows.Select((r, i) => (r, i)))
            {
                var segments = new List<Guid>();
                if (row.Segment)
                {
                    segments.Add(loyal.Id);
                }

                if (i < 5)
                {
                    segments.Add(rare.Id);
                }

                var response = new Response
                {
                    SurveyId = survey.Id,
                    Metric = SurveyMetric.Nps,
                    Score = row.Score,
                    Channel = Channel.Web,
                    StartedAt = at,
                    SubmittedAt = at.AddMinutes(i),
                    Snapshot = JsonSerializer.Serialize(new { segments, persona = (Guid?)null, lifecycleStage = (string?)null, traits = new { } }),
                };
                db.Responses.Add(response);
                if (row.Topic)
                {
                    db.AnalyzedTexts.Add(new AnalyzedText
                    {
                        Response = response,
                        Source = TextSource.Response,
                        Field = "comment",
                        OccurredAt = response.SubmittedAt,
                        Scored = true,
                        AnalyzedAt = at,
                        Labels = [new TextLabel { Kind = TextLabelKind.Topic, Value = "Delivery > Late", CreatedAt = at, Confidence = 1 }],
                    });
                }
            }

            await db.SaveChangesAsync();
            return (loyal.Id, rare.Id);
        });
}
