using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Analytics.Dashboards;

/// <summary>
/// A named, configurable dashboard: personal (its owner's) or shared with the workspace, optionally the
/// default a role starts from. <see cref="Filters"/> is the saved filter bar as a query string, e.g.
/// <c>days=30&amp;channel=web</c>, the same text the dashboard's URL carries.
/// </summary>
public sealed class Dashboard : IWorkspaceOwned
{
    public const int MaxNameLength = 100;
    public const int MaxWidgets = 30;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string Name { get; set; }
    /// <summary>The member who made it; null for one made through the API (those are always shared).</summary>
    public Guid? OwnerId { get; set; }
    public bool Shared { get; set; }
    /// <summary>When set, members of this role who have no dashboard of their own start from this one.</summary>
    public WorkspaceRole? RoleDefault { get; set; }
    public string Filters { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<DashboardWidget> Widgets { get; set; } = [];

    /// <summary>Shared dashboards are everyone's to read; personal ones only their owner's.</summary>
    public bool IsVisibleTo(Guid? userId) => Shared || (OwnerId is not null && OwnerId == userId);
}
