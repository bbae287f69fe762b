using Touchpoint.Core.Data;

namespace Touchpoint.Core.Customers;

/// <summary>
/// "A customer who meets this rule has reached this stage." The computed stage is the furthest stage
/// whose rule the customer meets; a stage set by hand is left alone.
/// </summary>
public sealed class LifecycleRule : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public LifecycleStage Stage { get; set; }
    /// <summary>A rule tree as JSON; see Segments/SegmentRule.</summary>
    public required string Rule { get; set; }
    public DateTime CreatedAt { get; set; }
}
