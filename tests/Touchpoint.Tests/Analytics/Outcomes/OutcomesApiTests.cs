using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Analytics.Outcomes;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Segments;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Tracking;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Analytics.Outcomes;

/// <summary>
/// Outcomes of twelve hand-made customers C0..C11 over the period [2026-03-03, 2026-06-01) (UTC workspace; churn window 90 days,
/// so the previous window is [2025-12-03, 2026-03-03)):
/// every customer viewed a page on 2026-01-15; C0..C9 bought for 100 on 2026-04-01 and C0..C3 again on 2026-05-01 for
/// revenue "50.5" (the revenue property wins over total 999); C5 also bought for 200 on 2025-09-01. NPS on 2026-02-01:
/// C0..C4 promoters (10), C5..C9 detractors (3). C0 and C1 sent a referral, C1's completed, C5 sent one.
/// Segment "VIP &lt;b&gt;" holds C0, C1 and C10. Stored churn risk: C6 80 (high), C0 20.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class OutcomesApiTests(AppFixture fixture)
{
    private const string Period = "from=2026-03-03T00:00:00Z&to=2026-06-01T00:00:00Z";

    [Theory, OnSqlite, OnPostgres]
    public async Task Outcomes_OfHandMadeEvents_MatchTheValuesWorkedOutOnPaper(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var vip = await SeedAsync(workspace);
        using var client = workspace.Client();

        var json = await client.GetJsonAsync($"/api/v1/metrics/outcomes?{Period}");

        // Repeat purchase: 4 of the 10 buyers bought twice.
        var repeat = json.GetProperty("repeatPurchase");
        Assert.Equal(10, repeat.GetProperty("purchasers").GetInt32());
        Assert.Equal(4, repeat.GetProperty("repeaters").GetInt32());
        Assert.Equal(40, repeat.GetProperty("rate").GetDouble(), 9);
        // Churn: all 12 active in the previous window; C10 and C11 not in this one: 2 / 12.
        var churn = json.GetProperty("churn");
        Assert.Equal(12, churn.GetProperty("activeBefore").GetInt32());
        Assert.Equal(2, churn.GetProperty("churned").GetInt32());
        Assert.Equal(100.0 * 2 / 12, churn.GetProperty("rate").GetDouble(), 9);
        Assert.Equal(new DateTime(2026, 3, 3, 0, 0, 0, DateTimeKind.Utc), churn.GetProperty("currentFrom").GetDateTime());
        // Referrals: 3 sent, 1 completed, by 3 customers; 2 of 5 promoters and 1 of 5 detractors: too few for rates.
        var referrals = json.GetProperty("referrals");
        Assert.Equal(3, referrals.GetProperty("sent").GetInt32());
        Assert.Equal(1, referrals.GetProperty("completed").GetInt32());
        Assert.Equal(3, referrals.GetProperty("referrers").GetInt32());
        Assert.Equal(5, referrals.GetProperty("promoters").GetInt32());
        Assert.Equal(2, referrals.GetProperty("promotersReferred").GetInt32());
        Assert.Equal(1, referrals.GetProperty("detractorsReferred").GetInt32());
        Assert.Equal(JsonValueKind.Null, referrals.GetProperty("promoterRate").ValueKind);
        // Revenue: 10 x 100 + 4 x 50.5 = 1202; VIP: C0 and C1 bought, 2 x 150.5 = 301.
        var revenue = json.GetProperty("revenue");
        Assert.Equal(1202m, revenue.GetProperty("total").GetDecimal());
        Assert.Equal(10, revenue.GetProperty("buyers").GetInt32());
        var segment = Assert.Single(revenue.GetProperty("perSegment").EnumerateArray());
        Assert.Equal(vip, segment.GetProperty("segmentId").GetGuid());
        Assert.Equal((3, 2, 301m), (segment.GetProperty("members").GetInt32(), segment.GetProperty("buyers").GetInt32(), segment.GetProperty("revenue").GetDecimal()));
        // At risk over the 12 months to 2026-06-01: detractors C5 (200 + 100) and C6..C9 (100 each) = 700; high risk C6 = 100.
        Assert.Equal(700m, revenue.GetProperty("atRiskDetractors").GetDecimal());
        Assert.Equal(5, revenue.GetProperty("detractors").GetInt32());
        Assert.Equal(100m, revenue.GetProperty("atRiskHighChurn").GetDecimal());
        Assert.Equal(1, revenue.GetProperty("highChurnCustomers").GetInt32());
        // Cohorts: C5 first bought in 2025-09 and was active again in 2026-01 (month +4, the page view) and 2026-03 (+6, the referral);
        // the other nine first bought in 2026-04, and four of them were active in 2026-05.
        var cohorts = json.GetProperty("retention").GetProperty("cohorts").EnumerateArray().ToList();
        Assert.Equal(2, cohorts.Count);
        Assert.Equal("2025-09-01", cohorts[0].GetProperty("month").GetString());
        Assert.Equal(1, cohorts[0].GetProperty("customers").GetInt32());
        Assert.Equal([0.0, 0, 0, 100, 0, 100], cohorts[0].GetProperty("retained").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal("2026-04-01", cohorts[1].GetProperty("month").GetString());
        Assert.Equal(9, cohorts[1].GetProperty("customers").GetInt32());
        var april = cohorts[1].GetProperty("retained").EnumerateArray().ToList();
        Assert.Equal(100.0 * 4 / 9, april[0].GetDouble(), 9);
        Assert.All(april.Skip(1), v => Assert.Equal(JsonValueKind.Null, v.ValueKind));
        // No NPS answer in the period: no score.
        Assert.Equal(0, json.GetProperty("satisfaction").GetProperty("nps").GetProperty("n").GetInt32());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Outcomes_FollowTheWorkspacesPurchaseEventName_AndWindow(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        await SeedAsync(workspace);
        using var client = workspace.Client();

        using var put = await client.PutAsJsonAsync("/api/v1/metrics/outcomes/settings", new { purchaseEvent = "Checkout Done", churnWindowDays = 30 });
        var settings = await put.ExpectAsync(HttpStatusCode.OK);
        var json = await client.GetJsonAsync($"/api/v1/metrics/outcomes?{Period}");

        Assert.Equal("Checkout Done", settings.GetProperty("purchaseEvent").GetString());
        Assert.Equal("Referral Sent", settings.GetProperty("referralSentEvent").GetString());
        Assert.Equal(0, json.GetProperty("repeatPurchase").GetProperty("purchasers").GetInt32());
        // Window 30 days: active in [2026-04-02, 2026-05-02) are C0..C3 (May 1st); none of them is active in [2026-05-02, 2026-06-01).
        var churn = json.GetProperty("churn");
        Assert.Equal(30, churn.GetProperty("windowDays").GetInt32());
        Assert.Equal(4, churn.GetProperty("activeBefore").GetInt32());
        Assert.Equal(4, churn.GetProperty("churned").GetInt32());
        Assert.Equal(JsonValueKind.Null, churn.GetProperty("rate").ValueKind);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Outcomes_WithBadInput_AnswerWhichFieldToFix_AndShowNothingOfAnotherWorkspace(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        await SeedAsync(workspace);
        var other = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = other.Client();

        await Problem.AssertFieldAsync(await client.GetAsync("/api/v1/metrics/outcomes?from=2026-06-01T00:00:00Z&to=2026-05-01T00:00:00Z"),
            HttpStatusCode.BadRequest, "to");
        await Problem.AssertFieldAsync(await client.GetAsync("/api/v1/metrics/outcomes?from=2020-01-01T00:00:00Z&to=2026-05-01T00:00:00Z"),
            HttpStatusCode.BadRequest, "from");
        using (var bad = await client.PutAsync("/api/v1/metrics/outcomes/settings", Api.Json("""{"purchaseEvent":"  ","churnWindowDays":3}""")))
        {
            var problem = await Problem.AssertFieldAsync(bad, HttpStatusCode.BadRequest, "purchaseEvent");
            Assert.True(problem.GetProperty("errors").TryGetProperty("churnWindowDays", out _));
        }

        var json = await client.GetJsonAsync($"/api/v1/metrics/outcomes?{Period}");
        Assert.Equal(0, json.GetProperty("repeatPurchase").GetProperty("purchasers").GetInt32());
        Assert.Equal(0, json.GetProperty("churn").GetProperty("activeBefore").GetInt32());
        Assert.Equal(0m, json.GetProperty("revenue").GetProperty("total").GetDecimal());
        Assert.Empty(json.GetProperty("revenue").GetProperty("perSegment").EnumerateArray());
        var readKey = await other.CreateKeyAsync(Touchpoint.Core.Platform.ApiKeyKind.Rest, Touchpoint.Core.Platform.ApiScopes.Read);
        using var reader = other.ClientWithKey(readKey.PlainKey);
        using var denied = await reader.PutAsync("/api/v1/metrics/outcomes/settings", Api.Json("""{"purchaseEvent":"X"}"""));
        await Problem.AssertAsync(denied, HttpStatusCode.Forbidden);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task OutcomesPage_ShowsTheFiguresWithSegmentNamesEncoded(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        await SeedAsync(workspace);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (page, html) = await session.GetAsync("/insights/outcomes?from=2026-03-03&to=2026-05-31");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("VIP <b>", html, StringComparison.Ordinal);
        Assert.Contains("VIP &lt;b&gt;", html, StringComparison.Ordinal);
        var text = PageSession.Text(html);
        Assert.Contains("40.0 %", text, StringComparison.Ordinal);
        Assert.Contains("16.7 %", text, StringComparison.Ordinal);
        Assert.Contains("1,202.00", text, StringComparison.Ordinal);
        Assert.Contains("700.00", text, StringComparison.Ordinal);
        Assert.Contains("too few", text, StringComparison.Ordinal);
        Assert.Contains("Recompute", text, StringComparison.Ordinal);
    }

    private static Task<Guid> SeedAsync(TestWorkspace workspace) =>
        workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            static DateTime Day(int y, int m, int d) => new(y, m, d, 12, 0, 0, DateTimeKind.Utc);
            var customers = Enumerable.Range(0, 12).Select(i => new Customer { Name = $"C{i}", CreatedAt = Day(2025, 1, 1), UpdatedAt = Day(2025, 1, 1) }).ToList();
            var survey = new Survey { Name = "NPS", Definition = "{}", Metric = SurveyMetric.Nps, LinkId = Guid.NewGuid().ToString("N"), CreatedAt = Day(2025, 1, 1) };
            var vip = new Segment { Name = "VIP <b>", Kind = SegmentKind.Static, CreatedAt = Day(2025, 1, 1), UpdatedAt = Day(2025, 1, 1) };
            db.AddRange(customers);
            db.AddRange(survey, vip);
            await db.SaveChangesAsync();

            var n = 0;
            void Event(int customer, EventType type, string name, DateTime at, JsonObject? properties = null) =>
                db.Events.Add(new TrackedEvent
                {
                    CustomerId = customers[customer].Id,
                    MessageId = $"m-{n++}",
                    Type = type,
                    Name = name,
                    Properties = (properties ?? []).ToJsonString(),
                    OccurredAt = at,
                    ReceivedAt = at,
                });

            for (var i = 0; i < 12; i++)
            {
                Event(i, EventType.Page, "Home", Day(2026, 1, 15));
            }

            for (var i = 0; i < 10; i++)
            {
                Event(i, EventType.Track, "Order Completed", Day(2026, 4, 1), new JsonObject { ["total"] = 100 });
                db.Responses.Add(new Response
                {
                    SurveyId = survey.Id,
                    Metric = SurveyMetric.Nps,
                    CustomerId = customers[i].Id,
                    Score = i < 5 ? 10 : 3,
                    StartedAt = Day(2026, 2, 1),
                    SubmittedAt = Day(2026, 2, 1),
                });
            }

            for (var i = 0; i < 4; i++)
            {
                Event(i, EventType.Track, "Order Completed", Day(2026, 5, 1), new JsonObject { ["revenue"] = "50.5", ["total"] = 999 });
            }

            Event(5, EventType.Track, "Order Completed", Day(2025, 9, 1), new JsonObject { ["total"] = 200 });
            Event(0, EventType.Track, "Referral Sent", Day(2026, 3, 10));
            Event(1, EventType.Track, "Referral Sent", Day(2026, 3, 11));
            Event(1, EventType.Track, "Referral Completed", Day(2026, 3, 20));
            Event(5, EventType.Track, "Referral Sent", Day(2026, 3, 12));
            foreach (var i in new[] { 0, 1, 10 })
            {
                db.SegmentMembers.Add(new SegmentMember { SegmentId = vip.Id, CustomerId = customers[i].Id, AddedAt = Day(2025, 1, 1) });
            }

            db.CustomerChurnRisks.Add(new CustomerChurnRisk { CustomerId = customers[6].Id, Score = 80, ComputedAt = Day(2026, 5, 31) });
            db.CustomerChurnRisks.Add(new CustomerChurnRisk { CustomerId = customers[0].Id, Score = 20, ComputedAt = Day(2026, 5, 31) });
            await db.SaveChangesAsync();
            return vip.Id;
        });
}
