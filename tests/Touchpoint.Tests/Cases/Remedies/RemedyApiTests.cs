using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Cases.Remedies;

[Collection(AppCollection.Name)]
public sealed class RemedyApiTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Give_WithinAuthority_IsGrantedAtOnce_InTheHistoryAndTheAuditLog(DatabaseProvider provider)
    {
        var world = await RemedyWorld.CreateAsync(fixture.App(provider));
        using var agent = world.As(world.AgentKey);

        var remedy = await agent.PostJsonAsync($"/api/v1/cases/{world.Case.Id}/remedies",
            new { kind = "credit", amount = 40m, currency = "eur", note = "Sorry for the broken parcel" }, HttpStatusCode.Created);

        Assert.Equal("granted", remedy.GetProperty("status").GetString());
        Assert.Equal("EUR", remedy.GetProperty("currency").GetString());
        Assert.Equal(world.Agent.Id, remedy.GetGuid("requestedBy"));
        var listed = await agent.GetJsonAsync($"/api/v1/cases/{world.Case.Id}/remedies");
        Assert.Equal(remedy.GetGuid("id"), Assert.Single(listed.GetProperty("items").EnumerateArray()).GetGuid("id"));
        // As the cases API, the case's number stands for it too.
        var byNumber = await agent.GetJsonAsync($"/api/v1/cases/{world.Case.Number}/remedies");
        Assert.Equal(remedy.GetGuid("id"), Assert.Single(byNumber.GetProperty("items").EnumerateArray()).GetGuid("id"));
        await agent.GetJsonAsync("/api/v1/cases/9999/remedies", HttpStatusCode.NotFound);
        var granted = Assert.Single(await world.HistoryAsync(), a => a.Kind == CaseActivityKind.CompensationGranted);
        Assert.Equal(world.Agent.Id, granted.ActorId);
        Assert.Contains("40.00 EUR credit", granted.Body, StringComparison.Ordinal);
        Assert.Contains(await world.AuditAsync(), e => e.StartsWith("remedy.granted", StringComparison.Ordinal) && e.Contains("40.00 EUR credit", StringComparison.Ordinal));
        Assert.Empty(await world.ApprovalEmailsToAsync(world.Manager));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Give_AboveAuthority_WaitsForApproval_AndAsksTheManagersInTheAppAndByEmail(DatabaseProvider provider)
    {
        var world = await RemedyWorld.CreateAsync(fixture.App(provider));
        var otherAgent = await world.Workspace.AddMemberAsync(WorkspaceRole.Agent);
        using var agent = world.As(world.AgentKey);

        var remedy = await agent.PostJsonAsync($"/api/v1/cases/{world.Case.Id}/remedies",
            new { kind = "refund", amount = 150m, currency = "EUR" }, HttpStatusCode.Created);

        Assert.Equal("pendingApproval", remedy.GetProperty("status").GetString());
        var email = Assert.Single(await world.ApprovalEmailsToAsync(world.Manager));
        Assert.Contains("150.00 EUR refund on case 1", email, StringComparison.Ordinal);
        Assert.Contains("up to 100.00 refund per case", email, StringComparison.Ordinal);
        Assert.NotEmpty(RemedyWorld.TokenIn(email));
        Assert.Empty(await world.ApprovalEmailsToAsync(otherAgent));
        // The owner (an owner may decide too) is asked as well, since no team names the agent's managers.
        Assert.Single(await world.ApprovalEmailsToAsync(world.Workspace.Owner));
        var notified = await world.Workspace.QueryAsync(db => db.UserNotifications.Where(n => n.UserId == world.Manager.Id).ToListAsync());
        Assert.Equal("/approvals", Assert.Single(notified).Link);
        Assert.Contains(await world.HistoryAsync(), a => a.Kind == CaseActivityKind.ApprovalRequested);
        Assert.Contains(await world.AuditAsync(), e => e.StartsWith("remedy.requested", StringComparison.Ordinal));
        // The token is stored only as its hash.
        var stored = await world.Workspace.QueryAsync(db => db.Compensations.SingleAsync());
        Assert.NotEqual(RemedyWorld.TokenIn(email), stored.ApprovalTokenHash);
        Assert.Equal(64, stored.ApprovalTokenHash!.Length);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Give_AboveAuthority_AsksTheManagersOfTheOwnersTeamFirst(DatabaseProvider provider)
    {
        var world = await RemedyWorld.CreateAsync(fixture.App(provider));
        var teamManager = await world.Workspace.AddMemberAsync(WorkspaceRole.Manager);
        await world.TeamAsync("Returns", world.Agent.Id, teamManager.Id);
        using var agent = world.As(world.AgentKey);

        await agent.PostJsonAsync($"/api/v1/cases/{world.Case.Id}/remedies", new { kind = "replacement" }, HttpStatusCode.Created);

        Assert.Single(await world.ApprovalEmailsToAsync(teamManager));
        Assert.Empty(await world.ApprovalEmailsToAsync(world.Manager));
        var stored = await world.Workspace.QueryAsync(db => db.Compensations.SingleAsync());
        Assert.Equal(teamManager.Id, stored.ApproverId);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Approve_ByAManager_ApprovesWritesTheHistoryAndTellsTheRequester(DatabaseProvider provider)
    {
        var world = await RemedyWorld.CreateAsync(fixture.App(provider));
        using var agent = world.As(world.AgentKey);
        using var manager = world.As(world.ManagerKey);
        var pending = await agent.PostJsonAsync($"/api/v1/cases/{world.Case.Id}/remedies",
            new { kind = "refund", amount = 150m, currency = "EUR" }, HttpStatusCode.Created);

        var approved = await manager.PostJsonAsync($"/api/v1/remedies/{pending.GetGuid("id")}/approve",
            new { note = "Loyal customer", version = pending.GetGuid("version") }, HttpStatusCode.OK);

        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal(world.Manager.Id, approved.GetGuid("decidedBy"));
        var decided = Assert.Single(await world.HistoryAsync(), a => a.Kind == CaseActivityKind.ApprovalDecided);
        Assert.Equal("Approved 150.00 EUR refund: Loyal customer", decided.Body);
        Assert.Contains(await world.AuditAsync(), e => e.StartsWith("remedy.approved", StringComparison.Ordinal));
        var told = await world.Workspace.QueryAsync(db => db.UserNotifications.Where(n => n.UserId == world.Agent.Id).SingleAsync());
        Assert.StartsWith("Approved: 150.00 EUR refund on case 1", told.Title, StringComparison.Ordinal);
        Assert.True(await world.Workspace.QueryAsync(db => db.Outbox.AnyAsync(m => m.Recipient == world.Agent.Email && m.Subject.StartsWith("Approved"))));
        // Once decided, it stays decided.
        using var again = await manager.PostAsJsonAsync($"/api/v1/remedies/{pending.GetGuid("id")}/deny", new { note = "Changed my mind" });
        var problem = await Problem.AssertAsync(again, HttpStatusCode.Conflict);
        Assert.Contains("already approved", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Deny_ByAManager_DeniesAndTheDenialDoesNotCountAsGiven(DatabaseProvider provider)
    {
        var world = await RemedyWorld.CreateAsync(fixture.App(provider));
        using var agent = world.As(world.AgentKey);
        using var manager = world.As(world.ManagerKey);
        var pending = await agent.PostJsonAsync($"/api/v1/cases/{world.Case.Id}/remedies",
            new { kind = "credit", amount = 80m, currency = "EUR" }, HttpStatusCode.Created);

        var denied = await manager.PostJsonAsync($"/api/v1/remedies/{pending.GetGuid("id")}/deny", new { note = "Too much" }, HttpStatusCode.OK);
        var after = await agent.PostJsonAsync($"/api/v1/cases/{world.Case.Id}/remedies",
            new { kind = "credit", amount = 50m, currency = "EUR" }, HttpStatusCode.Created);

        Assert.Equal("denied", denied.GetProperty("status").GetString());
        Assert.Equal("granted", after.GetProperty("status").GetString());
        Assert.Contains(await world.AuditAsync(), e => e.StartsWith("remedy.denied", StringComparison.Ordinal) && e.Contains("Too much", StringComparison.Ordinal));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PersonalLimit_OverridesTheRolesLimit_BothWays(DatabaseProvider provider)
    {
        var world = await RemedyWorld.CreateAsync(fixture.App(provider));
        var colleague = await world.Workspace.AddMemberAsync(WorkspaceRole.Agent);
        using var owner = world.Workspace.Client();
        using var put = await owner.PutAsJsonAsync("/api/v1/authority-limits", new
        {
            limits = new object[]
            {
                new { role = "agent", kind = "credit", maxAmount = 50m },
                new { role = "agent", kind = "refund", maxAmount = 100m },
                new { userId = world.Agent.Id, kind = "credit", maxAmount = 20m },
                new { userId = world.Agent.Id, kind = "refund", maxAmount = 300m },
            },
        });
        await put.ExpectAsync(HttpStatusCode.OK);
        var colleagueCase = await RemedyWorld.OpenCaseAsync(world.Workspace, "Late delivery", colleague.Id);
        using var agent = world.As(world.AgentKey);
        using var other = world.As(await RemedyWorld.KeyOfAsync(world.Workspace, colleague));

        var lowered = await agent.PostJsonAsync($"/api/v1/cases/{world.Case.Id}/remedies", new { kind = "credit", amount = 30m, currency = "EUR" }, HttpStatusCode.Created);
        var raised = await agent.PostJsonAsync($"/api/v1/cases/{world.Case.Id}/remedies", new { kind = "refund", amount = 250m, currency = "EUR" }, HttpStatusCode.Created);
        var byRole = await other.PostJsonAsync($"/api/v1/cases/{colleagueCase.Id}/remedies", new { kind = "credit", amount = 30m, currency = "EUR" }, HttpStatusCode.Created);

        Assert.Equal("pendingApproval", lowered.GetProperty("status").GetString());
        Assert.Equal("granted", raised.GetProperty("status").GetString());
        var mine = await agent.GetJsonAsync("/api/v1/authority-limits/mine");
        Assert.Equal("agent", mine.GetProperty("role").GetString());
        Assert.Equal([("credit", 20m, true), ("refund", 300m, true)], mine.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("kind").GetString(), i.GetProperty("maxAmount").GetDecimal(), i.GetProperty("personal").GetBoolean())));
        Assert.Equal("granted", byRole.GetProperty("status").GetString());
        var limits = await owner.GetJsonAsync("/api/v1/authority-limits");
        Assert.Equal(4, limits.GetProperty("items").GetArrayLength());
        Assert.Contains(await world.AuditAsync(), e => e.StartsWith("authority.limit_set", StringComparison.Ordinal) && e.Contains(world.Agent.Email!, StringComparison.Ordinal));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SplitGrants_CannotTogetherExceedTheLimit(DatabaseProvider provider)
    {
        var world = await RemedyWorld.CreateAsync(fixture.App(provider));
        using var agent = world.As(world.AgentKey);
        var url = $"/api/v1/cases/{world.Case.Id}/remedies";

        var first = await agent.PostJsonAsync(url, new { kind = "refund", amount = 60m, currency = "EUR" }, HttpStatusCode.Created);
        var second = await agent.PostJsonAsync(url, new { kind = "refund", amount = 60m, currency = "EUR" }, HttpStatusCode.Created);
        var third = await agent.PostJsonAsync(url, new { kind = "refund", amount = 40m, currency = "EUR" }, HttpStatusCode.Created);

        Assert.Equal(["granted", "pendingApproval", "granted"],
            new[] { first, second, third }.Select(r => r.GetProperty("status").GetString()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SplitGrantsAtTheSameMoment_OnlyOneFitsUnderTheLimit(DatabaseProvider provider)
    {
        var world = await RemedyWorld.CreateAsync(fixture.App(provider));
        using var agent = world.As(world.AgentKey);
        var url = $"/api/v1/cases/{world.Case.Id}/remedies";

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            agent.PostJsonAsync(url, new { kind = "credit", amount = 30m, currency = "EUR" }, HttpStatusCode.Created)));

        Assert.Equal(["granted", "pendingApproval"], results.Select(r => r.GetProperty("status").GetString()).Order());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ApproveAndDenyAtOnce_OneDecisionWins_TheOtherIsTold(DatabaseProvider provider)
    {
        var world = await RemedyWorld.CreateAsync(fixture.App(provider));
        var secondManager = await world.Workspace.AddMemberAsync(WorkspaceRole.Manager);
        using var agent = world.As(world.AgentKey);
        using var first = world.As(world.ManagerKey);
        using var second = world.As(await RemedyWorld.KeyOfAsync(world.Workspace, secondManager));
        var pending = await agent.PostJsonAsync($"/api/v1/cases/{world.Case.Id}/remedies",
            new { kind = "refund", amount = 500m, currency = "EUR" }, HttpStatusCode.Created);
        var id = pending.GetGuid("id");

        var responses = await Task.WhenAll(
            first.PostAsJsonAsync($"/api/v1/remedies/{id}/approve", new { note = "yes" }),
            second.PostAsJsonAsync($"/api/v1/remedies/{id}/deny", new { note = "no" }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var loser = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
        await Problem.AssertAsync(loser, HttpStatusCode.Conflict);
        Assert.Single(await world.HistoryAsync(), a => a.Kind == CaseActivityKind.ApprovalDecided);
        var stored = await world.Workspace.QueryAsync(db => db.Compensations.AsNoTracking().SingleAsync());
        var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal((await winner.ReadJsonAsync()).GetProperty("status").GetString(), JsonNamingPolicy.CamelCase.ConvertName(stored.Status.ToString()));
        foreach (var r in responses)
        {
            r.Dispose();
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Decide_WithAnOldVersion_IsRefusedAsChanged(DatabaseProvider provider)
    {
        var world = await RemedyWorld.CreateAsync(fixture.App(provider));
        using var agent = world.As(world.AgentKey);
        using var manager = world.As(world.ManagerKey);
        var pending = await agent.PostJsonAsync($"/api/v1/cases/{world.Case.Id}/remedies", new { kind = "replacement" }, HttpStatusCode.Created);

        using var response = await manager.PostAsJsonAsync($"/api/v1/remedies/{pending.GetGuid("id")}/approve", new { version = Guid.NewGuid() });

        await Problem.AssertAsync(response, HttpStatusCode.PreconditionFailed);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Approve_ByAnAgent_IsRefused_EvenWithAFullScopeKey(DatabaseProvider provider)
    {
        var world = await RemedyWorld.CreateAsync(fixture.App(provider));
        var colleague = await world.Workspace.AddMemberAsync(WorkspaceRole.Agent);
        using var agent = world.As(world.AgentKey);
        using var otherAgent = world.As(await RemedyWorld.KeyOfAsync(world.Workspace, colleague));
        var pending = await agent.PostJsonAsync($"/api/v1/cases/{world.Case.Id}/remedies",
            new { kind = "refund", amount = 500m, currency = "EUR" }, HttpStatusCode.Created);

        using var response = await otherAgent.PostAsJsonAsync($"/api/v1/remedies/{pending.GetGuid("id")}/approve", new { });

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(CompensationStatus.PendingApproval, await world.Workspace.QueryAsync(db => db.Compensations.Select(c => c.Status).SingleAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Approve_OnesOwnRequest_IsRefused(DatabaseProvider provider)
    {
        var world = await RemedyWorld.CreateAsync(fixture.App(provider));
        using var manager = world.As(world.ManagerKey);
        var pending = await manager.PostJsonAsync($"/api/v1/cases/{world.Case.Id}/remedies",
            new { kind = "credit", amount = 900m, currency = "EUR" }, HttpStatusCode.Created);
        Assert.Equal("pendingApproval", pending.GetProperty("status").GetString());
        Assert.Empty(await world.ApprovalEmailsToAsync(world.Manager));

        using var response = await manager.PostAsJsonAsync($"/api/v1/remedies/{pending.GetGuid("id")}/approve", new { });

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("another manager decides", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Give_OnACaseTheAgentDoesNotOwn_IsRefused_ButAManagerMay(DatabaseProvider provider)
    {
        var world = await RemedyWorld.CreateAsync(fixture.App(provider));
        var someoneElses = await RemedyWorld.OpenCaseAsync(world.Workspace, "Not mine", owner: null);
        using var agent = world.As(world.AgentKey);
        using var manager = world.As(world.ManagerKey);

        using var refused = await agent.PostAsJsonAsync($"/api/v1/cases/{someoneElses.Id}/remedies", new { kind = "credit", amount = 5m, currency = "EUR" });
        var allowed = await manager.PostJsonAsync($"/api/v1/cases/{someoneElses.Id}/remedies", new { kind = "credit", amount = 5m, currency = "EUR" }, HttpStatusCode.Created);

        await Problem.AssertAsync(refused, HttpStatusCode.Forbidden);
        Assert.Equal("granted", allowed.GetProperty("status").GetString());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Give_WithAKeyNoPersonCreated_IsRefused(DatabaseProvider provider)
    {
        var world = await RemedyWorld.CreateAsync(fixture.App(provider));
        using var system = world.Workspace.Client();

        using var response = await system.PostAsJsonAsync($"/api/v1/cases/{world.Case.Id}/remedies", new { kind = "credit", amount = 5m, currency = "EUR" });

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
        Assert.False(await world.Workspace.QueryAsync(db => db.Compensations.AnyAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Remedies_OfAnotherWorkspacesCase_AreNotFound(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var world = await RemedyWorld.CreateAsync(app);
        var stranger = await RemedyWorld.CreateAsync(app);
        using var manager = stranger.As(stranger.ManagerKey);
        using var agent = world.As(world.AgentKey);
        var pending = await agent.PostJsonAsync($"/api/v1/cases/{world.Case.Id}/remedies",
            new { kind = "refund", amount = 500m, currency = "EUR" }, HttpStatusCode.Created);

        using var give = await manager.PostAsJsonAsync($"/api/v1/cases/{world.Case.Id}/remedies", new { kind = "credit", amount = 5m, currency = "EUR" });
        using var list = await manager.GetAsync($"/api/v1/cases/{world.Case.Id}/remedies");
        using var approve = await manager.PostAsJsonAsync($"/api/v1/remedies/{pending.GetGuid("id")}/approve", new { });

        await Problem.AssertAsync(give, HttpStatusCode.NotFound);
        await Problem.AssertAsync(list, HttpStatusCode.NotFound);
        await Problem.AssertAsync(approve, HttpStatusCode.NotFound);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Give_BadInput_Is400NamingTheField(DatabaseProvider provider)
    {
        var world = await RemedyWorld.CreateAsync(fixture.App(provider));
        using var agent = world.As(world.AgentKey);
        var url = $"/api/v1/cases/{world.Case.Id}/remedies";
        (object Body, string Field)[] cases =
        [
            (new { kind = "credit", amount = -5m, currency = "EUR" }, "amount"),
            (new { kind = "credit", amount = 5_000_000m, currency = "EUR" }, "amount"),
            (new { kind = "credit", amount = 1.005m, currency = "EUR" }, "amount"),
            (new { kind = "credit", amount = 5m }, "currency"),
            (new { kind = "credit", amount = 5m, currency = "EURO" }, "currency"),
            (new { kind = "", amount = 5m, currency = "EUR" }, "kind"),
            (new { kind = new string('k', 101) }, "kind"),
            (new { kind = "credit", note = new string('n', 10_001) }, "note"),
        ];

        foreach (var (body, field) in cases)
        {
            using var response = await agent.PostAsJsonAsync(url, body);
            await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, field);
        }

        using var notANumber = await agent.PostAsync(url, Api.Json("""{ "kind": "credit", "amount": "lots", "currency": "EUR" }"""));
        await Problem.AssertFieldAsync(notANumber, HttpStatusCode.BadRequest, "amount");
        Assert.False(await world.Workspace.QueryAsync(db => db.Compensations.AnyAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AuthorityLimits_BadInput_Is400NamingTheField_AndOnlyManagersMayChangeThem(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var world = await RemedyWorld.CreateAsync(app);
        var stranger = await RemedyWorld.CreateAsync(app);
        using var owner = world.Workspace.Client();
        (object Limit, string Field)[] cases =
        [
            (new { role = "agent", kind = "credit", maxAmount = -1m }, "limits[0].maxAmount"),
            (new { role = "agent", kind = "credit", maxAmount = 10_000_000m }, "limits[0].maxAmount"),
            (new { role = "agent", kind = new string('k', 101), maxAmount = 5m }, "limits[0].kind"),
            (new { role = "agent", kind = "", maxAmount = 5m }, "limits[0].kind"),
            (new { role = "emperor", kind = "credit", maxAmount = 5m }, "limits[0].role"),
            (new { role = "agent", userId = world.Agent.Id, kind = "credit", maxAmount = 5m }, "limits[0].role"),
            (new { userId = stranger.Agent.Id, kind = "credit", maxAmount = 5m }, "limits[0].userId"),
        ];

        foreach (var (limit, field) in cases)
        {
            using var response = await owner.PutAsJsonAsync("/api/v1/authority-limits", new { limits = new[] { limit } });
            await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, field);
        }

        var readOnly = await world.Workspace.CreateKeyAsync(ApiKeyKind.Rest, ApiScopes.Read);
        using var reader = world.Workspace.ClientWithKey(readOnly.PlainKey);
        using var refused = await reader.PutAsJsonAsync("/api/v1/authority-limits", new { limits = Array.Empty<object>() });
        await Problem.AssertAsync(refused, HttpStatusCode.Forbidden);
        Assert.Equal(4, (await owner.GetJsonAsync("/api/v1/authority-limits")).GetProperty("items").GetArrayLength());
    }
}
