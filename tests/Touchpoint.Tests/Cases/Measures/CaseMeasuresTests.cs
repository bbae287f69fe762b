using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;
using Touchpoint.Tests.Cases.Sla;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Cases.Measures;

/// <summary>
/// Measures over a small hand-made set whose answers were worked out on paper (see each case's comment).
/// Period: Monday 2026-11-02 to Saturday 2026-11-14 (UTC); business hours Mon-Fri 09:00-17:00 Berlin (UTC+1).
/// </summary>
[Collection(SlaCollection.Name)]
public sealed class CaseMeasuresTests(SlaFixture fixture)
{
    private const string Period = "from=2026-11-02T00:00:00Z&to=2026-11-14T00:00:00Z";

    [Theory, OnSqlite, OnPostgres]
    public async Task Measures_OfASmallSet_MatchTheHandComputedValues(DatabaseProvider provider)
    {
        var (workspace, a, b) = await SeedAsync(fixture.App(provider));
        using var client = workspace.Client();

        var json = await client.GetJsonAsync($"/api/v1/cases/measures?{Period}&groupBy=owner");

        var total = json.GetProperty("total");
        Assert.Equal(5, total.GetProperty("opened").GetInt32());
        Assert.Equal(3, total.GetProperty("resolved").GetInt32());
        // First contact after 60, 3960, 30 and 120 minutes; in business time 60, 120, 30, 120.
        AssertDuration(total.GetProperty("timeToFirstContact"), 4, 90, 1042.5, 90, 82.5);
        // Resolved after 240, 4320 and 120 minutes; in business time 240, 480, 120.
        AssertDuration(total.GetProperty("timeToResolve"), 3, 240, 1560, 240, 280);
        // First response met by cases 1 and 3 of 5; resolution met by 3 of 4 (case 4's target is still ahead): too few to show.
        AssertRate(total.GetProperty("firstResponseSla"), 2, 5, 40);
        AssertRate(total.GetProperty("resolutionSla"), 3, 4, null);
        // Two low scores answered again, one rose.
        AssertRate(total.GetProperty("recovery"), 1, 2, null);

        var groups = json.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("label").GetString()!);
        Assert.Equal(new[] { "Unassigned", a.DisplayName, b.DisplayName }.Order(StringComparer.Ordinal), groups.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, groups[a.DisplayName].GetProperty("measures").GetProperty("opened").GetInt32());
        AssertRate(groups[a.DisplayName].GetProperty("measures").GetProperty("firstResponseSla"), 1, 2, null);
        Assert.Equal(1, groups["Unassigned"].GetProperty("measures").GetProperty("opened").GetInt32());

        var rootCauses = json.GetProperty("byRootCause").EnumerateArray().Select(v => (v.GetProperty("label").GetString(), v.GetProperty("cases").GetInt32())).ToList();
        Assert.Equal([("late-delivery", 3), ("No root cause", 1), ("rude-staff", 1)], rootCauses);
        Assert.Equal([3, 1, 1], json.GetProperty("byTouchPoint").EnumerateArray().Select(v => v.GetProperty("cases").GetInt32()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Measures_ByRootCause_AndOfAnotherWorkspace(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var (workspace, _, _) = await SeedAsync(app);
        var other = await TestWorkspace.CreateAsync(app);
        using var client = workspace.Client();
        using var otherClient = other.Client();

        var json = await client.GetJsonAsync($"/api/v1/cases/measures?{Period}&groupBy=rootCause");
        var theirs = await otherClient.GetJsonAsync($"/api/v1/cases/measures?{Period}");

        var late = json.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("key").GetString() == "late-delivery").GetProperty("measures");
        Assert.Equal(3, late.GetProperty("opened").GetInt32());
        AssertDuration(late.GetProperty("timeToResolve"), 3, 240, 1560, 240, 280);
        Assert.Equal(0, theirs.GetProperty("total").GetProperty("opened").GetInt32());
        Assert.Empty(theirs.GetProperty("groups").EnumerateArray());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Measures_BadQuery_IsRefusedNamingTheField(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        await Problem.AssertFieldAsync(await client.GetAsync("/api/v1/cases/measures?groupBy=weather"), HttpStatusCode.BadRequest, "groupBy");
        await Problem.AssertFieldAsync(await client.GetAsync("/api/v1/cases/measures?from=2026-11-10T00:00:00Z&to=2026-11-01T00:00:00Z"),
            HttpStatusCode.BadRequest, "to");
        await Problem.AssertAsync(await client.GetAsync("/api/v1/cases/measures?from=yesterday"), HttpStatusCode.BadRequest);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task MeasuresPage_ShowsTooFew_ExportsCsv_AndIsClosedToAgents(DatabaseProvider provider)
    {
        var (workspace, agent, _) = await SeedAsync(fixture.App(provider));
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);
        using var agentSession = new PageSession(workspace.App);
        await agentSession.SignInAsync(agent.Email!, TestWorkspace.Password);

        var (page, html) = await session.GetAsync("/cases/measures?From=2026-11-02&To=2026-11-13&GroupBy=owner");
        var (csv, body) = await session.GetAsync("/cases/measures?handler=Csv&From=2026-11-02&To=2026-11-13");
        var (denied, _) = await agentSession.GetAsync("/cases/measures");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var text = PageSession.Text(html);
        Assert.Contains("40% (2/5)", text, StringComparison.Ordinal);
        Assert.Contains("too few (4)", text, StringComparison.Ordinal);
        Assert.Contains(agent.DisplayName, text, StringComparison.Ordinal);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("group,opened,resolved,", lines[0], StringComparison.Ordinal);
        Assert.Equal("All cases,5,3,90,1042.5,90,82.5,240,1560,240,280,40,too few,too few", lines[1]);
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }

    private static void AssertDuration(JsonElement duration, int n, double median, double mean, double businessMedian, double businessMean)
    {
        Assert.Equal(n, duration.GetProperty("n").GetInt32());
        Assert.Equal(median, duration.GetProperty("medianMinutes").GetDouble());
        Assert.Equal(mean, duration.GetProperty("meanMinutes").GetDouble());
        Assert.Equal(businessMedian, duration.GetProperty("medianBusinessMinutes").GetDouble());
        Assert.Equal(businessMean, duration.GetProperty("meanBusinessMinutes").GetDouble());
    }

    private static void AssertRate(JsonElement rate, int count, int outOf, double? percent)
    {
        Assert.Equal(count, rate.GetProperty("count").GetInt32());
        Assert.Equal(outOf, rate.GetProperty("outOf").GetInt32());
        Assert.Equal(percent is null, rate.GetProperty("tooFew").GetBoolean());
        if (percent is { } p)
        {
            Assert.Equal(p, rate.GetProperty("percent").GetDouble());
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, rate.GetProperty("percent").ValueKind);
        }
    }

    private static DateTime At(string utc) => DateTime.SpecifyKind(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture,
        System.Globalization.DateTimeStyles.AdjustToUniversal), DateTimeKind.Utc);

    private static async Task<(TestWorkspace Workspace, User A, User B)> SeedAsync(TouchpointFactory app)
    {
        var workspace = await TestWorkspace.CreateAsync(app, "Europe/Berlin");
        var a = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        var b = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        using var client = workspace.Client();
        (await client.PutAsJsonAsync("/api/v1/sla-policies", new
        {
            policies = new[] { new { priority = "normal", firstResponseMinutes = 60, resolutionMinutes = 480, businessHours = SlaKit.OfficeHours() } },
        })).EnsureSuccessStatusCode();
        var nps = (await client.CreateSurveyAsync("nps")).GetGuid("id");
        var csat = (await client.CreateSurveyAsync("csat")).GetGuid("id");
        var ces = (await client.CreateSurveyAsync("ces")).GetGuid("id");

        await workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            var policy = await db.SlaPolicies.SingleAsync();
            var touchPoints = await db.TouchPoints.OrderBy(t => t.Name).Select(t => t.Id).Take(2).ToListAsync();
            var (x, y, z, w) = (Customer("x"), Customer("y"), Customer("z"), Customer("w"));
            db.Customers.AddRange(x, y, z, w);
            Response Answer(Guid survey, SurveyMetric metric, Customer who, int score, string at) => new()
            {
                SurveyId = survey,
                Metric = metric,
                CustomerId = who.Id,
                Score = score,
                SubmittedAt = At(at),
                StartedAt = At(at),
                Notified = true,
            };
            var r1 = Answer(nps, SurveyMetric.Nps, x, 3, "2026-11-01T10:00:00Z");     // detractor who later gives 8: recovered
            var r2 = Answer(csat, SurveyMetric.Csat, y, 2, "2026-11-05T10:00:00Z");   // dissatisfied who later gives 1: not recovered
            var r3 = Answer(nps, SurveyMetric.Nps, z, 9, "2026-11-02T07:00:00Z");     // a promoter: not a recovery case
            var r5 = Answer(ces, SurveyMetric.Ces, w, 2, "2026-11-04T10:00:00Z");     // difficult, never answered again
            db.Responses.AddRange(r1, r2, r3, r5,
                Answer(nps, SurveyMetric.Nps, x, 8, "2026-11-10T10:00:00Z"),
                Answer(csat, SurveyMetric.Csat, y, 1, "2026-11-12T10:00:00Z"),
                Answer(nps, SurveyMetric.Nps, y, 10, "2026-11-11T10:00:00Z"));
            await db.SaveChangesAsync();

            var number = 0;
            Case Case(string created, Guid? owner, string? rootCause, Guid? touchPoint, long? response, string? contact, string? resolved,
                string firstDue, string resolutionDue) => new()
                {
                    Number = ++number,
                    Title = $"Case {number}",
                    ReplyToken = Guid.NewGuid().ToString("N"),
                    Priority = CasePriority.Normal,
                    OwnerId = owner,
                    RootCause = rootCause,
                    TouchPointId = touchPoint,
                    ResponseId = response,
                    CustomerId = response is null ? null : new[] { r1, r2, r3, r5 }.Single(r => r.Id == response).CustomerId,
                    CreatedAt = At(created),
                    UpdatedAt = At(created),
                    FirstContactAt = contact is null ? null : At(contact),
                    ResolvedAt = resolved is null ? null : At(resolved),
                    Status = resolved is null ? CaseStatus.InProgress : CaseStatus.Resolved,
                    SlaPolicyId = policy.Id,
                    FirstResponseDueAt = At(firstDue),
                    ResolutionDueAt = At(resolutionDue),
                };
            db.Cases.AddRange(
                // 1: Monday 09:00 Berlin; contact after 60 min, resolved after 240, both in time.
                Case("2026-11-02T08:00:00Z", a.Id, "late-delivery", touchPoints[0], r1.Id, "2026-11-02T09:00:00Z", "2026-11-02T12:00:00Z",
                    "2026-11-02T10:00:00Z", "2026-11-02T16:00:00Z"),
                // 2: Friday 16:00 Berlin; contact Monday 10:00 (3960 min, 120 business), resolved Monday 16:00 (4320, 480); contact late.
                Case("2026-11-06T15:00:00Z", a.Id, "late-delivery", touchPoints[0], r2.Id, "2026-11-09T09:00:00Z", "2026-11-09T15:00:00Z",
                    "2026-11-09T08:00:00Z", "2026-11-09T16:00:00Z"),
                // 3: contact after 30 min in time; never resolved, its resolution target passed.
                Case("2026-11-03T08:00:00Z", b.Id, "rude-staff", touchPoints[1], r3.Id, "2026-11-03T08:30:00Z", null,
                    "2026-11-03T09:00:00Z", "2026-11-03T16:00:00Z"),
                // 4: never contacted (missed); the resolution target is still ahead, so it does not count yet.
                Case("2026-11-04T08:00:00Z", b.Id, null, null, null, null, null, "2026-11-04T09:00:00Z", "2030-01-01T00:00:00Z"),
                // 5: unassigned; contact and resolution after 120 min: contact late, resolution in time.
                Case("2026-11-05T08:00:00Z", null, "late-delivery", touchPoints[0], r5.Id, "2026-11-05T10:00:00Z", "2026-11-05T10:00:00Z",
                    "2026-11-05T09:00:00Z", "2026-11-05T12:00:00Z"),
                // Outside the period.
                Case("2026-10-20T08:00:00Z", a.Id, "late-delivery", touchPoints[0], null, "2026-10-20T09:00:00Z", null,
                    "2026-10-20T09:00:00Z", "2026-10-20T16:00:00Z"));
            await db.SaveChangesAsync();
        });
        return (workspace, a, b);
    }

    private static Customer Customer(string name) => new() { Name = name, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
}
