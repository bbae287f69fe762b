using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Cases.Alerts;

/// <summary>
/// Chooses the owner and team of a case a rule opens, by the rule's <see cref="CaseAssignment"/>, and
/// says why in words that go into the case's history. Runs in the rule's workspace.
/// </summary>
public sealed class OwnerAssigner(TouchpointDbContext db)
{
    public sealed record Choice(Guid? OwnerId, Guid? TeamId, string Reason);

    public async Task<Choice> ChooseAsync(AlertRule rule, AlertItem item, CancellationToken ct) => rule.Assignment switch
    {
        CaseAssignment.HandlingAgent => await HandlingAgentAsync(item, ct) ?? await TouchPointTeamAsync(item,
            "Nobody was found who handled the customer", ct),
        CaseAssignment.TouchPointTeam => await TouchPointTeamAsync(item, null, ct),
        CaseAssignment.Team => await RuleTeamAsync(rule, ct),
        CaseAssignment.RoundRobin => await RoundRobinAsync(rule, ct),
        _ => new Choice(null, null, "The rule leaves new cases unassigned, in the workspace's queue"),
    };

    /// <summary>The conversation's assignee, or the member named in the response's Agent field (by name or email).</summary>
    private async Task<Choice?> HandlingAgentAsync(AlertItem item, CancellationToken ct)
    {
        if (item.ConversationAssigneeId is { } assignee && await IsMemberAsync(assignee, ct))
        {
            return new Choice(assignee, null, "Assigned to the agent who handled the customer's conversation");
        }

        if (string.IsNullOrWhiteSpace(item.Agent))
        {
            return null;
        }

        var agent = item.Agent.Trim();
        var members = await db.Memberships.Where(m => m.User != null)
            .Select(m => new { m.UserId, m.User!.DisplayName, m.User.Email }).ToListAsync(ct);
        var match = members.FirstOrDefault(m => string.Equals(m.Email, agent, StringComparison.OrdinalIgnoreCase))
            ?? members.FirstOrDefault(m => string.Equals(m.DisplayName.Trim(), agent, StringComparison.OrdinalIgnoreCase));
        return match is null ? null : new Choice(match.UserId, null, $"Assigned to {match.DisplayName}, named as the agent on the response");
    }

    private async Task<Choice> TouchPointTeamAsync(AlertItem item, string? before, CancellationToken ct)
    {
        var prefix = before is null ? "" : before + "; ";
        var team = item.TouchPointId is { } touchPoint
            ? await db.TouchPoints.Where(t => t.Id == touchPoint && t.OwnerTeamId != null)
                .Select(t => new { t.Name, TeamId = t.OwnerTeamId!.Value }).FirstOrDefaultAsync(ct)
            : null;
        if (team is null)
        {
            return new Choice(null, null, $"{(prefix.Length == 0 ? "N" : prefix + "n")}o team owns the touch point, so the case waits in the workspace's queue");
        }

        var name = await db.Teams.Where(t => t.Id == team.TeamId).Select(t => t.Name).FirstOrDefaultAsync(ct);
        return new Choice(null, team.TeamId, $"{(prefix.Length == 0 ? "Q" : prefix + "q")}ueued for {name}, the team that owns the touch point {team.Name}");
    }

    private async Task<Choice> RuleTeamAsync(AlertRule rule, CancellationToken ct)
    {
        var name = rule.TeamId is { } teamId ? await db.Teams.Where(t => t.Id == teamId).Select(t => t.Name).FirstOrDefaultAsync(ct) : null;
        return name is null
            ? new Choice(null, null, "The rule's team no longer exists, so the case waits in the workspace's queue")
            : new Choice(null, rule.TeamId, $"Queued for {name}, the rule's team");
    }

    /// <summary>
    /// The member after the last one given a case, in a fixed order (by user id), skipping anyone whose
    /// presence is "away". The turn is taken with a conditional update, so two workers never hand the
    /// same turn out twice: the loser reads the new turn and tries again.
    /// </summary>
    private async Task<Choice> RoundRobinAsync(AlertRule rule, CancellationToken ct)
    {
        if (rule.TeamId is not { } teamId || await db.Teams.Where(t => t.Id == teamId).Select(t => t.Name).FirstOrDefaultAsync(ct) is not { } team)
        {
            return new Choice(null, null, "The rule's team no longer exists, so the case waits in the workspace's queue");
        }

        var members = await db.TeamMembers.Where(m => m.TeamId == teamId).Select(m => m.UserId).OrderBy(u => u).ToListAsync(ct);
        var away = await db.AgentStatuses.Where(s => members.Contains(s.UserId) && s.Presence == Presence.Away).Select(s => s.UserId).ToListAsync(ct);
        var candidates = members.Except(away).ToList();
        if (candidates.Count == 0)
        {
            return new Choice(null, teamId, members.Count == 0
                ? $"{team} has no members, so the case waits in its queue"
                : $"Everyone in {team} is away, so the case waits in its queue");
        }

        for (var attempt = 0; attempt < 10; attempt++)
        {
            var last = await db.AlertRules.Where(r => r.Id == rule.Id).Select(r => r.LastAssignedUserId).FirstOrDefaultAsync(ct);
            // After the last one in turn, or from the start again.
            var next = candidates.FirstOrDefault(u => last is { } l && u.CompareTo(l) > 0, candidates[0]);

            var taken = await db.AlertRules.Where(r => r.Id == rule.Id && r.LastAssignedUserId == last)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LastAssignedUserId, next), ct);
            if (taken == 1)
            {
                rule.LastAssignedUserId = next;
                var name = await db.Users.Where(u => u.Id == next).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
                return new Choice(next, teamId, $"Assigned to {name}, next in turn in {team}" + (away.Count > 0 ? " (members who are away were skipped)" : ""));
            }
        }

        return new Choice(null, teamId, $"Queued for {team}: the turn could not be taken");
    }

    private Task<bool> IsMemberAsync(Guid userId, CancellationToken ct) => db.Memberships.AnyAsync(m => m.UserId == userId, ct);
}
