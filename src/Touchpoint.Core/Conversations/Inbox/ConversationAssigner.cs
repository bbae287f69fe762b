using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Conversations;

/// <summary>
/// Picks an agent for a new conversation by its inbox's rule: manual leaves it unassigned,
/// round-robin takes the next available agent after the last one assigned, least-busy the available
/// agent with the fewest open conversations. Available = online, seen within
/// <see cref="PresenceTimeout"/>, and under capacity. Agents coming online later pull nothing: an
/// unassigned conversation waits in the inbox's "Unassigned" view.
/// </summary>
public sealed class ConversationAssigner(TouchpointDbContext db, ConversationChanges changes, TimeProvider clock)
{
    public static readonly TimeSpan PresenceTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Assigns the conversation if its inbox's rule finds someone; returns the agent or null.</summary>
    public async Task<Guid?> AssignAsync(Guid conversationId, CancellationToken ct = default)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        var assigned = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId, ct);
            if (conversation is null || conversation.AssigneeId is not null)
            {
                return (Guid?)null;
            }

            var inbox = await db.Inboxes.FirstAsync(i => i.Id == conversation.InboxId, ct);
            if (inbox.Assignment == AssignmentMode.Manual)
            {
                return null;
            }

            // Locks the inbox row (PostgreSQL) or the database (SQLite) until the commit, so two
            // conversations arriving at once count each other and never overfill an agent.
            await db.Inboxes.Where(i => i.Id == inbox.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.LastAssignedUserId, i => i.LastAssignedUserId), ct);
            var candidates = await AvailableAgentsAsync(inbox.Id, ct);
            if (candidates.Count == 0)
            {
                return null;
            }

            var pick = inbox.Assignment == AssignmentMode.LeastBusy
                ? candidates.OrderBy(c => c.Open).ThenBy(c => c.UserId).First().UserId
                : NextAfter(candidates.Select(c => c.UserId).Order().ToList(), inbox.LastAssignedUserId);
            await db.Inboxes.Where(i => i.Id == inbox.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.LastAssignedUserId, pick), ct);
            await changes.SetAssigneeAsync(conversation, pick, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return (Guid?)pick;
        });

        if (assigned is not null)
        {
            await changes.AfterAssignedAsync(conversationId, null, assigned, null, ct);
        }

        return assigned;
    }

    private sealed record Candidate(Guid UserId, int Open);

    private async Task<List<Candidate>> AvailableAgentsAsync(Guid inboxId, CancellationToken ct)
    {
        var seenSince = clock.GetUtcNow().UtcDateTime - PresenceTimeout;
        var agents = await (from a in db.InboxAgents
                            where a.InboxId == inboxId
                            join s in db.AgentStatuses on a.UserId equals s.UserId
                            where s.Presence == Presence.Online && s.LastSeenAt >= seenSince
                            select new { a.UserId, s.Capacity }).ToListAsync(ct);
        var ids = agents.Select(a => a.UserId).ToList();
        var open = await db.Conversations.Where(c => c.AssigneeId != null && ids.Contains(c.AssigneeId.Value)
                && c.Status != ConversationStatus.Resolved)
            .GroupBy(c => c.AssigneeId!.Value).Select(g => new { UserId = g.Key, Count = g.Count() }).ToListAsync(ct);
        return agents.Select(a => new Candidate(a.UserId, open.FirstOrDefault(o => o.UserId == a.UserId)?.Count ?? 0))
            .Where(c => c.Open < agents.First(a => a.UserId == c.UserId).Capacity).ToList();
    }

    private static Guid NextAfter(List<Guid> ordered, Guid? last) =>
        last is { } previous && ordered.FirstOrDefault(id => id.CompareTo(previous) > 0) is var next && next != Guid.Empty ? next : ordered[0];
}
