using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;
using Touchpoint.Tests.Surveys.Distribution;

namespace Touchpoint.Tests.Cases.Sla;

[Collection(SlaCollection.Name)]
public sealed class SlaWorkerTests(SlaFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Worker_AcrossAHolidayAndAWeekend_WarnsOnceThenBreachesOnceEscalatesAndReassigns(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app, "Europe/Berlin");
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        var manager = await workspace.AddMemberAsync(WorkspaceRole.Manager);
        using var client = workspace.Client();
        // Normal cases: first contact within 2 business hours, resolved within 2 business days; warn at 75%.
        var put = await client.PutAsJsonAsync("/api/v1/sla-policies", new
        {
            policies = new object[]
            {
                new
                {
                    priority = "normal", firstResponseMinutes = 120, resolutionMinutes = 960, warnAtPercent = 75,
                    businessHours = SlaKit.OfficeHours("2026-12-24", "2026-12-25"), escalateToUserId = manager.Id, reassignOnBreach = true,
                },
            },
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        // Opened Wednesday 23 December at 16:00 in Berlin: one business hour that day, then Thursday and Friday are holidays.
        var clock = FixedClock.At("2026-12-23T15:00:00Z");
        var opened = await SlaKit.OpenAsync(workspace, clock, CasePriority.Normal, owner: agent.Id);
        Assert.Equal(DateTime.Parse("2026-12-28T09:00:00Z").ToUniversalTime(), opened.FirstResponseDueAt);
        var monitor = SlaKit.Monitor(app, clock);

        // On the holiday nothing moves; just before Monday 09:30 (75% of two hours) neither.
        clock.Now = DateTimeOffset.Parse("2026-12-24T12:00:00Z");
        await monitor.RunOnceAsync();
        clock.Now = DateTimeOffset.Parse("2026-12-28T08:29:00Z");
        await monitor.RunOnceAsync();
        Assert.Empty(await HistoryAsync(workspace, opened.Id, CaseActivityKind.SlaWarning));

        // Monday 09:30 Berlin: the warning, once, to the owner, in the app and by email.
        clock.Now = DateTimeOffset.Parse("2026-12-28T08:30:00Z");
        await monitor.RunOnceAsync();
        clock.Now = DateTimeOffset.Parse("2026-12-28T08:45:00Z");
        await monitor.RunOnceAsync();
        var warning = Assert.Single(await HistoryAsync(workspace, opened.Id, CaseActivityKind.SlaWarning));
        Assert.Contains("first response due 2026-12-28 10:00", warning.Body, StringComparison.Ordinal);
        var toAgent = Assert.Single(await workspace.QueryAsync(db => db.UserNotifications.Where(n => n.UserId == agent.Id).ToListAsync()));
        Assert.Contains($"Case {opened.Number}", toAgent.Title, StringComparison.Ordinal);
        Assert.Equal($"/cases/{opened.Number}", toAgent.Link);
        Assert.Single(await workspace.QueryAsync(db => db.Outbox.IgnoreQueryFilters().Where(m => m.Recipient == agent.Email).ToListAsync()));

        // Monday 10:00 Berlin: the breach, once; escalated to the manager, who now owns the case.
        clock.Now = DateTimeOffset.Parse("2026-12-28T09:00:00Z");
        await monitor.RunOnceAsync();
        clock.Now = DateTimeOffset.Parse("2026-12-28T09:05:00Z");
        await monitor.RunOnceAsync();
        var breach = Assert.Single(await HistoryAsync(workspace, opened.Id, CaseActivityKind.SlaBreached));
        Assert.Contains("first response", breach.Body, StringComparison.Ordinal);
        Assert.Single(await HistoryAsync(workspace, opened.Id, CaseActivityKind.Escalated));
        var assigned = Assert.Single(await HistoryAsync(workspace, opened.Id, CaseActivityKind.Assigned));
        Assert.Contains(manager.DisplayName, assigned.Body, StringComparison.Ordinal);
        var after = await workspace.QueryAsync(db => db.Cases.AsNoTracking().FirstAsync(c => c.Id == opened.Id));
        Assert.Equal(manager.Id, after.OwnerId);
        Assert.Equal(opened.FirstResponseDueAt, after.FirstResponseBreachedAt);
        Assert.NotNull(after.EscalatedAt);
        Assert.NotEqual(opened.Version, after.Version);
        Assert.Null(after.ResolutionBreachedAt);
        var toManager = await workspace.QueryAsync(db => db.UserNotifications.Where(n => n.UserId == manager.Id).ToListAsync());
        Assert.Contains(toManager, n => n.Title.Contains("is now yours", StringComparison.Ordinal));
        Assert.Contains(await workspace.QueryAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.Target == $"case:{opened.Number}").Select(a => a.Action).ToListAsync()),
            a => a == "case.reassigned");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Worker_UnassignedCase_WarnsTheTeamsMembers(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        var first = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        var second = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        var team = await workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            var created = new Touchpoint.Core.Conversations.Team { Name = "Returns" };
            db.Teams.Add(created);
            db.TeamMembers.AddRange(new Touchpoint.Core.Conversations.TeamMember { TeamId = created.Id, UserId = first.Id },
                new Touchpoint.Core.Conversations.TeamMember { TeamId = created.Id, UserId = second.Id });
            await db.SaveChangesAsync();
            return created;
        });
        using var client = workspace.Client();
        (await client.PutAsJsonAsync("/api/v1/sla-policies", new { policies = new[] { new { priority = "high", firstResponseMinutes = 60, resolutionMinutes = 240, warnAtPercent = 50 } } }))
            .EnsureSuccessStatusCode();
        var clock = FixedClock.At("2027-02-01T10:00:00Z");
        var opened = await SlaKit.OpenAsync(workspace, clock, CasePriority.High, team: team.Id);

        clock.Now = DateTimeOffset.Parse("2027-02-01T10:30:00Z");
        await SlaKit.Monitor(app, clock).RunOnceAsync();

        Assert.Single(await HistoryAsync(workspace, opened.Id, CaseActivityKind.SlaWarning));
        var notified = await workspace.QueryAsync(db => db.UserNotifications.Select(n => n.UserId).ToListAsync());
        Assert.Equal(new[] { first.Id, second.Id }.Order(), notified.Order());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TwoWorkersAtOnce_WarnAndBreachEachCaseOnlyOnce(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        using var client = workspace.Client();
        (await client.PutAsJsonAsync("/api/v1/sla-policies", new { policies = new[] { new { priority = "urgent", firstResponseMinutes = 60, resolutionMinutes = 600, warnAtPercent = 80 } } }))
            .EnsureSuccessStatusCode();
        var clock = FixedClock.At("2027-03-01T08:00:00Z");
        var cases = new List<Case>();
        for (var i = 0; i < 12; i++)
        {
            cases.Add(await SlaKit.OpenAsync(workspace, clock, CasePriority.Urgent, $"Case {i}", owner: agent.Id));
        }

        // Two nodes check the clocks at the same moment, twice: at the warning point, then past the breach.
        clock.Now = DateTimeOffset.Parse("2027-03-01T08:50:00Z");
        await Task.WhenAll(SlaKit.Monitor(app, clock).RunOnceAsync(), SlaKit.Monitor(app, clock).RunOnceAsync());
        var late = FixedClock.At("2027-03-01T09:10:00Z");
        await Task.WhenAll(SlaKit.Monitor(app, late).RunOnceAsync(), SlaKit.Monitor(app, late).RunOnceAsync());

        var ids = cases.Select(c => c.Id).ToList();
        var history = await workspace.QueryAsync(db => db.CaseActivities.Where(a => ids.Contains(a.CaseId)).ToListAsync());
        foreach (var opened in cases)
        {
            Assert.Single(history, a => a.CaseId == opened.Id && a.Kind == CaseActivityKind.SlaWarning);
            Assert.Single(history, a => a.CaseId == opened.Id && a.Kind == CaseActivityKind.SlaBreached);
        }

        Assert.Equal(24, await workspace.QueryAsync(db => db.UserNotifications.CountAsync(n => n.UserId == agent.Id)));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Worker_ContactedBeforeTheTarget_NeitherWarnsNorBreachesFirstResponse(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        using var client = workspace.Client();
        (await client.PutAsJsonAsync("/api/v1/sla-policies", new { policies = new[] { new { priority = "low", firstResponseMinutes = 60, resolutionMinutes = 6000, warnAtPercent = 80 } } }))
            .EnsureSuccessStatusCode();
        var clock = FixedClock.At("2027-04-01T08:00:00Z");
        var opened = await SlaKit.OpenAsync(workspace, clock, CasePriority.Low);
        await workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            var found = await db.Cases.FirstAsync(c => c.Id == opened.Id);
            found.FirstContactAt = DateTime.Parse("2027-04-01T08:20:00Z").ToUniversalTime();
            await db.SaveChangesAsync();
        });

        clock.Now = DateTimeOffset.Parse("2027-04-01T10:00:00Z");
        await SlaKit.Monitor(app, clock).RunOnceAsync();

        Assert.Empty(await workspace.QueryAsync(db => db.CaseActivities.Where(a => a.CaseId == opened.Id && a.Kind != CaseActivityKind.Created).ToListAsync()));
    }

    private static Task<List<CaseActivity>> HistoryAsync(TestWorkspace workspace, Guid caseId, CaseActivityKind kind) =>
        workspace.QueryAsync(db => db.CaseActivities.Where(a => a.CaseId == caseId && a.Kind == kind).ToListAsync());
}
