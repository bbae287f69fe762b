using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;
using Touchpoint.Tests.Surveys.Distribution;

namespace Touchpoint.Tests.Cases.Sla;

[Collection(SlaCollection.Name)]
public sealed class SlaPoliciesApiTests(SlaFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Put_ThenGet_ReturnsThePoliciesAndAuditsTheChange(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var manager = await workspace.AddMemberAsync(WorkspaceRole.Manager);
        using var client = workspace.Client();

        var put = await client.PutAsJsonAsync("/api/v1/sla-policies", new
        {
            policies = new object[]
            {
                new { priority = "urgent", firstResponseMinutes = 60, resolutionMinutes = 480, warnAtPercent = 75, escalateToUserId = manager.Id, reassignOnBreach = true },
                new { priority = "low", firstResponseMinutes = 960, resolutionMinutes = 4800, businessHours = SlaKit.OfficeHours("2026-12-25") },
            },
        });
        var json = await client.GetJsonAsync("/api/v1/sla-policies");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var policies = json.GetProperty("policies").EnumerateArray().ToList();
        Assert.Equal(["urgent", "low"], policies.Select(p => p.GetProperty("priority").GetString()));
        Assert.Equal(manager.Id, policies[0].GetProperty("escalateToUserId").GetGuid());
        Assert.True(policies[0].GetProperty("reassignOnBreach").GetBoolean());
        Assert.Equal(80, policies[1].GetProperty("warnAtPercent").GetInt32());
        Assert.Equal("Europe/Berlin", policies[1].GetProperty("businessHours").GetProperty("timeZone").GetString());
        Assert.Equal("2026-12-25", policies[1].GetProperty("businessHours").GetProperty("holidays")[0].GetString());
        var audit = await workspace.QueryAsync(db => db.AuditEntries.Where(a => a.Action == "sla.policies.updated").ToListAsync());
        Assert.Contains("urgent: first response 60 min", Assert.Single(audit).Details, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Put_LeavingAPriorityOut_RemovesItsPolicy(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        (await client.PutAsJsonAsync("/api/v1/sla-policies", new { policies = new[] { new { priority = "high", firstResponseMinutes = 60, resolutionMinutes = 60 } } }))
            .EnsureSuccessStatusCode();

        (await client.PutAsJsonAsync("/api/v1/sla-policies", new { policies = Array.Empty<object>() })).EnsureSuccessStatusCode();

        Assert.Empty((await client.GetJsonAsync("/api/v1/sla-policies")).GetProperty("policies").EnumerateArray());
    }

    public static TheoryData<string, string> BadPolicies => new()
    {
        { """{"priority":"critical","firstResponseMinutes":60,"resolutionMinutes":120}""", "policies[0].priority" },
        { """{"firstResponseMinutes":60,"resolutionMinutes":120}""", "policies[0].priority" },
        { """{"priority":"high","firstResponseMinutes":0,"resolutionMinutes":120}""", "policies[0].firstResponseMinutes" },
        { """{"priority":"high","firstResponseMinutes":60,"resolutionMinutes":30}""", "policies[0].resolutionMinutes" },
        { """{"priority":"high","firstResponseMinutes":60,"resolutionMinutes":120,"warnAtPercent":100}""", "policies[0].warnAtPercent" },
        { """{"priority":"high","firstResponseMinutes":60,"resolutionMinutes":120,"reassignOnBreach":true}""", "policies[0].reassignOnBreach" },
        { """{"priority":"high","firstResponseMinutes":60,"resolutionMinutes":120,"businessHours":{"timeZone":"Nowhere/Town","days":{"monday":[{"from":"09:00","to":"17:00"}]}}}""", "policies[0].businessHours.timeZone" },
        { """{"priority":"high","firstResponseMinutes":60,"resolutionMinutes":120,"businessHours":{"timeZone":"Europe/Berlin","days":{"monday":[]},"holidays":[]}}""", "policies[0].businessHours" },
        { """{"priority":"high","firstResponseMinutes":60,"resolutionMinutes":120,"businessHours":{"timeZone":"UTC","days":{"monday":[{"from":"17:00","to":"09:00"}]}}}""", "policies[0].businessHours.days.monday[0].to" },
    };

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public async Task Put_BadPolicy_IsRefusedNamingTheField(string policy, string field)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(DatabaseProvider.Sqlite));
        using var client = workspace.Client();

        var response = await client.PutAsync("/api/v1/sla-policies", Api.Json($$"""{"policies":[{{policy}}]}"""));

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await workspace.QueryAsync(db => db.SlaPolicies.CountAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Put_TwoPoliciesForOnePriority_OrAStrangerToEscalateTo_IsRefused(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        var other = await TestWorkspace.CreateAsync(app);
        using var client = workspace.Client();

        var twice = await client.PutAsJsonAsync("/api/v1/sla-policies", new
        {
            policies = new[] { new { priority = "high", firstResponseMinutes = 60, resolutionMinutes = 120 }, new { priority = "high", firstResponseMinutes = 30, resolutionMinutes = 120 } },
        });
        var stranger = await client.PutAsJsonAsync("/api/v1/sla-policies", new
        {
            policies = new[] { new { priority = "high", firstResponseMinutes = 60, resolutionMinutes = 120, escalateToUserId = other.Owner.Id } },
        });
        var missing = await client.PutAsync("/api/v1/sla-policies", Api.Json("{}"));

        await Problem.AssertFieldAsync(twice, HttpStatusCode.BadRequest, "policies[1].priority");
        await Problem.AssertFieldAsync(stranger, HttpStatusCode.BadRequest, "policies[0].escalateToUserId");
        await Problem.AssertFieldAsync(missing, HttpStatusCode.BadRequest, "policies");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Policies_AreTheWorkspacesOwn_AndNeedTheRightToManageCaseRules(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        var other = await TestWorkspace.CreateAsync(app);
        using var client = workspace.Client();
        (await client.PutAsJsonAsync("/api/v1/sla-policies", new { policies = new[] { new { priority = "high", firstResponseMinutes = 60, resolutionMinutes = 120 } } }))
            .EnsureSuccessStatusCode();
        var readKey = await workspace.CreateKeyAsync(ApiKeyKind.Rest, ApiScopes.Read);
        using var reader = workspace.ClientWithKey(readKey.PlainKey);
        using var otherClient = other.Client();

        Assert.Empty((await otherClient.GetJsonAsync("/api/v1/sla-policies")).GetProperty("policies").EnumerateArray());
        await Problem.AssertAsync(await reader.GetAsync("/api/v1/sla-policies"), HttpStatusCode.Forbidden);
        // A case of the other workspace never takes this workspace's targets.
        var theirs = await SlaKit.OpenAsync(other, FixedClock.At("2026-11-20T10:00:00Z"), CasePriority.High);
        Assert.Null(theirs.FirstResponseDueAt);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SettingsPage_SavesARowWithBusinessHours_AndShowsErrorsInPlainWords(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (bad, badHtml) = await session.SubmitAsync("/settings/sla", PageSession.Form(("Enabled[high]", "true"), ("FirstResponse[high]", "4"),
            ("FirstResponseUnit[high]", "hours"), ("Resolution[high]", "2"), ("ResolutionUnit[high]", "hours"), ("WarnAt[high]", "80")));
        var (saved, _) = await session.SubmitAsync("/settings/sla", PageSession.Form(("Enabled[high]", "true"), ("FirstResponse[high]", "4"),
            ("FirstResponseUnit[high]", "hours"), ("Resolution[high]", "16"), ("ResolutionUnit[high]", "hours"), ("WarnAt[high]", "75"),
            ("UseHours[high]", "true"), ("TimeZone", "Europe/Berlin"), ("From[monday]", "09:00"), ("To[monday]", "17:00"), ("Holidays", "2026-12-25")));
        var (_, page) = await session.GetAsync("/settings/sla");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("High: The resolution target cannot come before the first response target", PageSession.Text(badHtml), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var policy = await workspace.QueryAsync(db => db.SlaPolicies.SingleAsync());
        Assert.Equal((CasePriority.High, 240, 960, 75), (policy.Priority, policy.FirstResponseMinutes, policy.ResolutionMinutes, policy.WarnAtPercent));
        Assert.Contains("2026-12-25", policy.BusinessHours, StringComparison.Ordinal);
        Assert.Contains("value=\"16\"", page, StringComparison.Ordinal);
        Assert.Contains("2026-12-25", page, StringComparison.Ordinal);
    }
}
