using Touchpoint.Core.Data;

namespace Touchpoint.Core.Analytics.Dashboards.Digests;

/// <summary>
/// A member's scheduled email digest: daily, or weekly on the workspace's week start, at
/// <see cref="LocalHour"/> in the workspace's time zone. One per member and workspace.
/// </summary>
public sealed class DigestSubscription : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid UserId { get; set; }
    public DigestFrequency Frequency { get; set; }
    /// <summary>0-23, local to the workspace.</summary>
    public int LocalHour { get; set; } = 8;
    public DateTime CreatedAt { get; set; }
}

public enum DigestFrequency
{
    Daily,
    Weekly,
}

/// <summary>
/// The sent marker: one row per subscription and period, unique on both, written in the same transaction as
/// the digest's outbox row. A second node that composes the same digest fails on the unique key and sends nothing.
/// </summary>
public sealed class DigestDelivery : IWorkspaceOwned
{
    public long Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public Guid SubscriptionId { get; set; }
    /// <summary>"daily:2026-01-10" or "weekly:2026-01-05": the first local day of the period the digest covers.</summary>
    public required string PeriodKey { get; set; }
    public DateTime CreatedAt { get; set; }
}
