using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Conversations;

/// <summary>
/// Whether an inbox can answer now, for the widget to say so honestly: open by its business hours,
/// an agent available (online, seen within the presence timeout, under capacity), the next opening
/// when closed, and the expected wait (median wait of its last conversations that were picked up).
/// </summary>
public sealed class InboxAvailability(TouchpointDbContext db, TimeProvider clock)
{
    private const int RecentConversations = 50;

    public sealed record Answer(bool Open, bool AgentAvailable, DateTime? NextOpening, int? ExpectedWaitSeconds)
    {
        public bool CanChat => Open && AgentAvailable;
    }

    public async Task<Answer> CheckAsync(Guid inboxId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var inbox = await db.Inboxes.AsNoTracking().FirstAsync(i => i.Id == inboxId, ct);
        var hours = BusinessHours.FromJson(inbox.BusinessHours);
        var open = hours?.IsOpen(now) ?? true;
        var seenSince = now - ConversationAssigner.PresenceTimeout;
        var agents = await (from a in db.InboxAgents
                            where a.InboxId == inboxId
                            join s in db.AgentStatuses on a.UserId equals s.UserId
                            where s.Presence == Presence.Online && s.LastSeenAt >= seenSince
                            select new { a.UserId, s.Capacity }).ToListAsync(ct);
        var ids = agents.Select(a => a.UserId).ToList();
        var load = await db.Conversations.Where(c => c.AssigneeId != null && ids.Contains(c.AssigneeId.Value) && c.Status != ConversationStatus.Resolved)
            .GroupBy(c => c.AssigneeId!.Value).Select(g => new { UserId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var available = agents.Any(a => (load.FirstOrDefault(l => l.UserId == a.UserId)?.Count ?? 0) < a.Capacity);
        var waits = await db.Conversations.AsNoTracking().Where(c => c.InboxId == inboxId && c.FirstAssignedAt != null)
            .OrderByDescending(c => c.CreatedAt).Take(RecentConversations).Select(c => new { c.CreatedAt, c.FirstAssignedAt }).ToListAsync(ct);
        var expected = ConversationStats.Percentile(waits.Select(w => Math.Max(0, (w.FirstAssignedAt!.Value - w.CreatedAt).TotalSeconds)), 0.5);
        return new Answer(open, available, open ? null : hours?.NextOpening(now), expected is { } e ? (int)Math.Round(e) : null);
    }
}
