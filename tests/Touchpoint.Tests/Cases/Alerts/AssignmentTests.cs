using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Cases.Alerts;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Cases.Alerts;

/// <summary>Who owns the case a rule opens, and the history line that says why.</summary>
[Collection(AppCollection.Name)]
public sealed class AssignmentTests(AppFixture fixture)
{
    private static long _events = 1_000_000;

    /// <summary>A hand-made match: an event item (no row behind it is needed to open a case).</summary>
    private static AlertItem Item(TestWorkspace workspace, Guid? touchPoint = null, string? agent = null, Guid? assignee = null) => new()
    {
        Trigger = AlertTrigger.Event,
        WorkspaceId = workspace.Id,
        At = DateTime.UtcNow,
        EventId = Interlocked.Increment(ref _events),
        EventName = "Order Refunded",
        TouchPointId = touchPoint,
        Agent = agent,
        ConversationAssigneeId = assignee,
    };

    private static Task<AlertRule> RuleAsync(TestWorkspace workspace, CaseAssignment assignment, Guid? team = null) =>
        workspace.QueryAsync(async db =>
        {
            var rule = new AlertRule
            {
                Name = "Refunds",
                Trigger = AlertTrigger.Event,
                Conditions = """[{"kind":"event","value":"Order Refunded"}]""",
                Assignment = assignment,
                TeamId = team,
                CreatedAt = DateTime.UtcNow,
            };
            db.AlertRules.Add(rule);
            await db.SaveChangesAsync();
            return rule;
        });

    private static async Task<(Case Case, string Why)> FireAsync(TestWorkspace workspace, AlertRule rule, AlertItem item)
    {
        var result = await workspace.InWorkspaceAsync(services => services.GetRequiredService<AlertFirer>().FireAsync(rule, item));
        var opened = await workspace.QueryAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == result.CaseId));
        var why = await workspace.QueryAsync(db => db.CaseActivities.Where(a => a.CaseId == opened.Id && a.Kind == CaseActivityKind.Assigned)
            .Select(a => a.Body!).SingleAsync());
        return (opened, why);
    }

    private static Task<Guid> TeamAsync(TestWorkspace workspace, string name, params Guid[] members) =>
        workspace.QueryAsync(async db =>
        {
            var team = new Team { Name = name, CreatedAt = DateTime.UtcNow };
            db.Teams.Add(team);
            db.TeamMembers.AddRange(members.Select(m => new TeamMember { TeamId = team.Id, UserId = m }));
            await db.SaveChangesAsync();
            return team.Id;
        });

    private static Task<Guid> TouchPointOwnedByAsync(TestWorkspace workspace, Guid? team) =>
        workspace.QueryAsync(async db =>
        {
            var touchPoint = await db.TouchPoints.OrderBy(t => t.Name).FirstAsync();
            touchPoint.OwnerTeamId = team;
            await db.SaveChangesAsync();
            return touchPoint.Id;
        });

    [Theory, OnSqlite, OnPostgres]
    public async Task HandlingAgent_ConversationAssignee_ThenTheAgentNamedOnTheResponse_ThenTheTouchPointTeam(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        var named = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        var team = await TeamAsync(workspace, "Returns");
        var touchPoint = await TouchPointOwnedByAsync(workspace, team);
        var rule = await RuleAsync(workspace, CaseAssignment.HandlingAgent);

        var byConversation = await FireAsync(workspace, rule, Item(workspace, assignee: agent.Id, agent: named.DisplayName));
        var byName = await FireAsync(workspace, rule, Item(workspace, agent: named.DisplayName.ToUpperInvariant()));
        var byEmail = await FireAsync(workspace, rule, Item(workspace, agent: named.Email));
        var fallback = await FireAsync(workspace, rule, Item(workspace, touchPoint: touchPoint, agent: "Someone who left"));

        Assert.Equal(agent.Id, byConversation.Case.OwnerId);
        Assert.Contains("handled the customer's conversation", byConversation.Why, StringComparison.Ordinal);
        Assert.Equal(named.Id, byName.Case.OwnerId);
        Assert.Equal(named.Id, byEmail.Case.OwnerId);
        Assert.Contains("named as the agent on the response", byName.Why, StringComparison.Ordinal);
        Assert.Null(fallback.Case.OwnerId);
        Assert.Equal(team, fallback.Case.TeamId);
        Assert.StartsWith("Nobody was found who handled the customer; queued for Returns", fallback.Why, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TouchPointTeamAndTeam_QueueTheCaseUnassigned(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var returns = await TeamAsync(workspace, "Returns");
        var vip = await TeamAsync(workspace, "VIP desk");
        var touchPoint = await TouchPointOwnedByAsync(workspace, returns);

        var byTouchPoint = await FireAsync(workspace, await RuleAsync(workspace, CaseAssignment.TouchPointTeam), Item(workspace, touchPoint: touchPoint));
        var noOwnerTeam = await FireAsync(workspace, await RuleAsync(workspace, CaseAssignment.TouchPointTeam), Item(workspace));
        var byRuleTeam = await FireAsync(workspace, await RuleAsync(workspace, CaseAssignment.Team, vip), Item(workspace, touchPoint: touchPoint));

        Assert.Equal((null, returns), (byTouchPoint.Case.OwnerId, byTouchPoint.Case.TeamId));
        Assert.StartsWith("Queued for Returns, the team that owns the touch point", byTouchPoint.Why, StringComparison.Ordinal);
        Assert.Equal((null, null), (noOwnerTeam.Case.OwnerId, noOwnerTeam.Case.TeamId));
        Assert.Equal((null, vip), (byRuleTeam.Case.OwnerId, byRuleTeam.Case.TeamId));
        Assert.Equal("Queued for VIP desk, the rule's team", byRuleTeam.Why);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task RoundRobin_GivesEachMemberATurnInOrder_SkippingWhoeverIsAway(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var members = new List<User>();
        for (var i = 0; i < 3; i++)
        {
            members.Add(await workspace.AddMemberAsync(WorkspaceRole.Agent));
        }

        var ordered = members.Select(m => m.Id).Order().ToList();
        var team = await TeamAsync(workspace, "Care", [.. ordered]);
        await workspace.QueryAsync(async db =>
        {
            db.AgentStatuses.Add(new AgentStatus { UserId = ordered[1], Presence = Presence.Away });
            return await db.SaveChangesAsync();
        });
        var rule = await RuleAsync(workspace, CaseAssignment.RoundRobin, team);

        var owners = new List<Guid?>();
        for (var i = 0; i < 4; i++)
        {
            owners.Add((await FireAsync(workspace, rule, Item(workspace))).Case.OwnerId);
        }

        Assert.Equal([ordered[0], ordered[2], ordered[0], ordered[2]], owners);
        Assert.Equal(ordered[2], await workspace.QueryAsync(db => db.AlertRules.Where(r => r.Id == rule.Id).Select(r => r.LastAssignedUserId).SingleAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task RoundRobin_CasesOpenedAtOnce_NeverGiveTheSameTurnTwice(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var members = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            members.Add((await workspace.AddMemberAsync(WorkspaceRole.Agent)).Id);
        }

        var rule = await RuleAsync(workspace, CaseAssignment.RoundRobin, await TeamAsync(workspace, "Care", [.. members]));

        var opened = new List<Case>();
        foreach (var batch in Enumerable.Range(0, 2))
        {
            var pair = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return (await FireAsync(workspace, rule, Item(workspace))).Case;
                    }
                    catch (DbUpdateException) when (attempt < 5)
                    {
                        // The worker retries a firing whose save collided; so does this test.
                    }
                }
            }));
            opened.AddRange(pair);
        }

        // Four cases over two members: each got two, whichever order the turns were taken in.
        Assert.All(opened.GroupBy(c => c.OwnerId), g => Assert.Equal(2, g.Count()));
    }
}
