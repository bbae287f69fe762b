using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Conversations;

/// <summary>
/// Per-period service figures from conversations created in a window: counts by status, wait,
/// first response and resolution medians, and per agent what they handled and how fast they answered.
/// Feeds analytics and SLAs.
/// </summary>
public sealed class ConversationStats(TouchpointDbContext db)
{
    public sealed record AgentFigures(Guid UserId, string Name, int Handled, int Resolved, double? MedianResponseSeconds);

    public sealed record Figures(int Conversations, int Open, int Pending, int Snoozed, int Resolved, double? MedianWaitSeconds,
        double? MedianFirstResponseSeconds, double? P90FirstResponseSeconds, double? MedianResolutionSeconds, IReadOnlyList<AgentFigures> Agents);

    /// <summary><paramref name="from"/> inclusive, <paramref name="to"/> exclusive, on the conversation's creation time.</summary>
    public async Task<Figures> ComputeAsync(DateTime? from, DateTime? to, Guid? inbox, Guid? agent, CancellationToken ct = default)
    {
        var query = db.Conversations.AsNoTracking().Where(c => c.MergedIntoId == null);
        if (from is { } f)
        {
            query = query.Where(c => c.CreatedAt >= f);
        }

        if (to is { } t)
        {
            query = query.Where(c => c.CreatedAt < t);
        }

        if (inbox is { } i)
        {
            query = query.Where(c => c.InboxId == i);
        }

        if (agent is { } a)
        {
            query = query.Where(c => db.ConversationAgents.Any(x => x.ConversationId == c.Id && x.UserId == a));
        }

        var rows = await query.Select(c => new { c.Id, c.Status, c.CreatedAt, c.FirstAssignedAt, c.FirstResponseSeconds, c.ResolutionSeconds })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var involved = await db.ConversationAgents.AsNoTracking().Where(x => ids.Contains(x.ConversationId))
            .Select(x => new { x.UserId, x.ConversationId }).ToListAsync(ct);
        var replies = await db.ConversationMessages.AsNoTracking()
            .Where(m => ids.Contains(m.ConversationId) && m.Author == MessageAuthor.Agent && m.ResponseSeconds != null && m.AuthorUserId != null)
            .Select(m => new { UserId = m.AuthorUserId!.Value, Seconds = m.ResponseSeconds!.Value }).ToListAsync(ct);
        var userIds = involved.Select(x => x.UserId).Distinct().Where(u => agent is null || u == agent).ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct);
        var status = rows.ToDictionary(r => r.Id, r => r.Status);
        var agents = userIds.Select(u =>
        {
            var handled = involved.Where(x => x.UserId == u).Select(x => x.ConversationId).Distinct().ToList();
            var name = names.FirstOrDefault(n => n.Id == u);
            return new AgentFigures(u, name is null ? "" : string.IsNullOrWhiteSpace(name.DisplayName) ? name.Email ?? "" : name.DisplayName,
                handled.Count, handled.Count(h => status[h] == ConversationStatus.Resolved),
                Percentile(replies.Where(r => r.UserId == u).Select(r => (double)r.Seconds), 0.5));
        }).OrderByDescending(x => x.Handled).ToList();
        return new Figures(rows.Count, rows.Count(r => r.Status == ConversationStatus.Open), rows.Count(r => r.Status == ConversationStatus.Pending),
            rows.Count(r => r.Status == ConversationStatus.Snoozed), rows.Count(r => r.Status == ConversationStatus.Resolved),
            Percentile(rows.Where(r => r.FirstAssignedAt != null).Select(r => Math.Max(0, (r.FirstAssignedAt!.Value - r.CreatedAt).TotalSeconds)), 0.5),
            Percentile(rows.Where(r => r.FirstResponseSeconds != null).Select(r => (double)r.FirstResponseSeconds!.Value), 0.5),
            Percentile(rows.Where(r => r.FirstResponseSeconds != null).Select(r => (double)r.FirstResponseSeconds!.Value), 0.9),
            Percentile(rows.Where(r => r.ResolutionSeconds != null).Select(r => (double)r.ResolutionSeconds!.Value), 0.5),
            agents);
    }

    /// <summary>Nearest-rank percentile (the median of 1, 2, 3, 4 is 2); null without values.</summary>
    public static double? Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
