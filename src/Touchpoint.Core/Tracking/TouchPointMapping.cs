using Touchpoint.Core.Data;

namespace Touchpoint.Core.Tracking;

/// <summary>
/// Ties incoming events to one of the workspace's touch points: "an Order Completed from the store
/// source is the in-store purchase touch point", "a page under /checkout is checkout on web".
/// Every condition that is set must match; the lowest <see cref="Priority"/> that matches wins.
/// </summary>
public sealed class TouchPointMapping : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid TouchPointId { get; set; }
    public TrackingSource? Source { get; set; }
    public EventType? EventType { get; set; }
    /// <summary>Exact event, page or screen name.</summary>
    public string? EventName { get; set; }
    /// <summary>For page events: the page path starts with this.</summary>
    public string? PathPrefix { get; set; }
    public int Priority { get; set; }
    public DateTime CreatedAt { get; set; }
}
