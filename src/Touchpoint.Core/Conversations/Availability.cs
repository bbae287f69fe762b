using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Conversations;

/// <summary>Whether a visitor can reach someone now, and if not, why and until when: the widget says so honestly.</summary>
public sealed record AvailabilityReport(bool Open, int AgentsOnline, string Reason, DateTime? NextOpening, int? ExpectedWaitSeconds)
{
    public const string IsOpen = "open";
    public const string OutsideHours = "outsideHours";
    public const string NoAgent = "noAgent";
}

/// <summary>
/// An inbox is open when its business hours (none = always) hold now AND at least one of its agents is
/// online, was seen within <see cref="PresenceTimeout"/> and has fewer open conversations than their
/// capacity. The expected wait is the median first response time of the inbox's last 7 days.
/// </summary>
public sealed class Availability(TouchpointDbContext db, TimeProvider clock)
{
    /// <summary>An agent whose inbox page showed no sign of life for this long counts as gone.</summary>
    public static readonly TimeSpan PresenceTimeout = TimeSpan.FromMinutes(2);

    public async Task<AvailabilityReport> OfAsync(Inbox inbox, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var seenSince = now - PresenceTimeout;
        var agents = await db.InboxAgents.AsNoTracking().Where(a => a.InboxId == inbox.Id)
            .Join(db.AgentStatuses.AsNoTracking(), a => a.UserId, s => s.UserId, (a, s) => s)
            .Where(s => s.Presence == Presence.Online && s.LastSeenAt != null && s.LastSeenAt >= seenSince)
            .Select(s => new
            {
                s.Capacity,
                Assigned = db.Conversations.Count(c => c.AssigneeId == s.UserId && c.Status == ConversationStatus.Open),
            })
            .ToListAsync(ct);
        var available = agents.Count(a => a.Assigned < a.Capacity);

        var weekAgo = now.AddDays(-7);
        var responses = await db.Conversations.AsNoTracking()
            .Where(c => c.InboxId == inbox.Id && c.CreatedAt >= weekAgo && c.FirstResponseSeconds != null)
            .OrderByDescending(c => c.CreatedAt).Take(1000).Select(c => c.FirstResponseSeconds!.Value).ToListAsync(ct);
        return Decide(BusinessHours.FromJson(inbox.BusinessHours), now, available, Median(responses));
    }

    /// <summary>The rule itself, free of the database.</summary>
    public static AvailabilityReport Decide(BusinessHours? hours, DateTime utcNow, int agentsAvailable, int? expectedWaitSeconds)
    {
        if (hours is not null && !hours.IsOpen(utcNow))
        {
            return new AvailabilityReport(false, agentsAvailable, AvailabilityReport.OutsideHours, hours.NextOpening(utcNow), expectedWaitSeconds);
        }

        return agentsAvailable > 0
            ? new AvailabilityReport(true, agentsAvailable, AvailabilityReport.IsOpen, null, expectedWaitSeconds)
            : new AvailabilityReport(false, 0, AvailabilityReport.NoAgent, null, expectedWaitSeconds);
    }

    public static int? Median(IReadOnlyCollection<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (int)Math.Round((sorted[middle - 1] + sorted[middle]) / 2.0);
    }
}
