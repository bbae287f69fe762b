using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics.Dashboards;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Web.Analytics.Dashboards;

/// <summary>
/// The configurable dashboards a person may see (their own and the shared ones) and may change (their own;
/// shared ones for owners and admins, or a write key), and the role defaults new dashboards start from.
/// </summary>
internal sealed class DashboardStore(TouchpointDbContext db, TimeProvider clock)
{
    public Task<List<Dashboard>> VisibleAsync(Guid? userId, CancellationToken ct) =>
        db.Dashboards.AsNoTracking().Where(d => d.Shared || (userId != null && d.OwnerId == userId))
            .OrderBy(d => d.Name).ThenBy(d => d.CreatedAt).ToListAsync(ct);

    /// <summary>The dashboard with its widgets in order, or null when it does not exist here or is someone else's personal one.</summary>
    public async Task<Dashboard?> FindAsync(Guid id, Guid? userId, CancellationToken ct, bool tracked = false)
    {
        var query = tracked ? db.Dashboards : db.Dashboards.AsNoTracking();
        var dashboard = await query.Include(d => d.Widgets).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (dashboard is null || !dashboard.IsVisibleTo(userId))
        {
            return null;
        }

        dashboard.Widgets = [.. dashboard.Widgets.OrderBy(w => w.Position)];
        return dashboard;
    }

    /// <param name="mayManageShared">Owners and admins, and write keys: they may change shared dashboards.</param>
    public static bool MayEdit(Dashboard dashboard, Guid? userId, bool mayManageShared) =>
        (dashboard.OwnerId is not null && dashboard.OwnerId == userId) || (dashboard.Shared && mayManageShared);

    public async Task<Dashboard> CreateAsync(DashboardInput.Checked input, Guid? ownerId, WorkspaceRole? role, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var dashboard = new Dashboard
        {
            Name = input.Name,
            OwnerId = ownerId,
            Shared = input.Shared || ownerId is null,
            RoleDefault = input.RoleDefault,
            Filters = input.Filters,
            CreatedAt = now,
            UpdatedAt = now,
            Widgets = input.Widgets ?? await RoleDefaultWidgetsAsync(role ?? WorkspaceRole.Analyst, ct),
        };
        db.Dashboards.Add(dashboard);
        await db.SaveChangesAsync(ct);
        return dashboard;
    }

    /// <summary>The widgets of the workspace's default dashboard for the role, or the built-in ones.</summary>
    public async Task<List<DashboardWidget>> RoleDefaultWidgetsAsync(WorkspaceRole role, CancellationToken ct)
    {
        var chosen = await db.Dashboards.AsNoTracking().Include(d => d.Widgets)
            .Where(d => d.RoleDefault == role && d.Shared).OrderBy(d => d.CreatedAt).FirstOrDefaultAsync(ct);
        return DefaultWidgets.Copy(chosen is null ? DefaultWidgets.For(role) : chosen.Widgets.OrderBy(w => w.Position));
    }

    /// <summary>Replaces the widgets of a tracked dashboard, keeping their order as given.</summary>
    public void ReplaceWidgets(Dashboard dashboard, IReadOnlyList<DashboardWidget> widgets)
    {
        db.DashboardWidgets.RemoveRange(dashboard.Widgets);
        dashboard.Widgets = DefaultWidgets.Copy(widgets);
        foreach (var widget in dashboard.Widgets)
        {
            widget.DashboardId = dashboard.Id;
            db.DashboardWidgets.Add(widget);
        }

        dashboard.UpdatedAt = clock.GetUtcNow().UtcDateTime;
    }
}
