using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics.Dashboards;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Web.Analytics.Dashboards;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Dashboards;

/// <summary>
/// Changing a dashboard with plain forms (no JavaScript needed): its name, sharing and saved filters; add,
/// edit, move and remove widgets; reset to the role's default; save a copy as one's own; share read-only
/// links and revoke them. Someone who may not change it can only save a copy.
/// </summary>
[Authorize(Policy = "dashboards.manage")]
internal sealed class DashboardCustomizeModel(DashboardStore store, TouchpointDbContext db, AuditLog audit, ShareLinks shareLinks,
    TimeProvider clock) : PageModel
{
    public Dashboard Dashboard { get; private set; } = null!;
    public bool MayEdit { get; private set; }
    public bool MayShare => DashboardsApi.MayManageShared(HttpContext);
    public List<DashboardShareLink> Links { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; } = [];
    public string? Flash { get; private set; }
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public string ShareUrl(DashboardShareLink link) => $"{Request.Scheme}://{Request.Host}/shared/{shareLinks.Token(link)}";

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => LoadAsync(id, ct);

    public Task<IActionResult> OnPostSettingsAsync(Guid id, string? name, bool shared, string? roleDefault, string? filters, CancellationToken ct) =>
        EditAsync(id, async dashboard =>
        {
            var input = await new DashboardInput(name, shared, roleDefault, filters, null).CheckAsync(db, MayShare || (!shared && roleDefault is null), Errors, ct);
            if (input is null)
            {
                return false;
            }

            (dashboard.Name, dashboard.Shared, dashboard.RoleDefault, dashboard.Filters) = (input.Name, input.Shared, input.RoleDefault, input.Filters);
            return true;
        }, "dashboard.updated", ct);

    public Task<IActionResult> OnPostAddAsync(Guid id, string? kind, string? metric, string? dimension, string? title, string? filters,
        CancellationToken ct) =>
        EditAsync(id, async dashboard =>
        {
            if (dashboard.Widgets.Count >= Dashboard.MaxWidgets)
            {
                Errors["widgets"] = [$"A dashboard holds at most {Dashboard.MaxWidgets} widgets."];
                return false;
            }

            if (await new WidgetInput(kind, metric, dimension, title, filters).CheckAsync(db, "widget", Errors, ct) is not { } widget)
            {
                return false;
            }

            store.ReplaceWidgets(dashboard, [.. dashboard.Widgets, widget]);
            return true;
        }, "dashboard.widget.added", ct);

    public Task<IActionResult> OnPostEditAsync(Guid id, Guid widgetId, string? kind, string? metric, string? dimension, string? title,
        string? filters, CancellationToken ct) =>
        EditAsync(id, async dashboard =>
        {
            var index = dashboard.Widgets.FindIndex(w => w.Id == widgetId);
            if (index < 0)
            {
                Errors["widgetId"] = ["This widget is no longer on the dashboard."];
                return false;
            }

            if (await new WidgetInput(kind, metric, dimension, title, filters).CheckAsync(db, "widget", Errors, ct) is not { } widget)
            {
                return false;
            }

            var widgets = dashboard.Widgets.ToList();
            widgets[index] = widget;
            store.ReplaceWidgets(dashboard, widgets);
            return true;
        }, "dashboard.widget.changed", ct);

    public Task<IActionResult> OnPostRemoveAsync(Guid id, Guid widgetId, CancellationToken ct) =>
        EditAsync(id, dashboard =>
        {
            store.ReplaceWidgets(dashboard, dashboard.Widgets.Where(w => w.Id != widgetId).ToList());
            return Task.FromResult(true);
        }, "dashboard.widget.removed", ct);

    public Task<IActionResult> OnPostMoveAsync(Guid id, Guid widgetId, string? direction, CancellationToken ct) =>
        EditAsync(id, dashboard =>
        {
            var widgets = dashboard.Widgets.ToList();
            var index = widgets.FindIndex(w => w.Id == widgetId);
            var target = direction == "up" ? index - 1 : index + 1;
            if (index >= 0 && target >= 0 && target < widgets.Count)
            {
                (widgets[index], widgets[target]) = (widgets[target], widgets[index]);
                store.ReplaceWidgets(dashboard, widgets);
            }

            return Task.FromResult(true);
        }, "dashboard.widget.moved", ct);

    public Task<IActionResult> OnPostResetAsync(Guid id, CancellationToken ct) =>
        EditAsync(id, async dashboard =>
        {
            store.ReplaceWidgets(dashboard, await store.RoleDefaultWidgetsAsync(User.Role() ?? WorkspaceRole.Analyst, ct));
            return true;
        }, "dashboard.reset", ct);

    /// <summary>"Save as my dashboard": a personal copy with the same widgets and saved filters.</summary>
    public async Task<IActionResult> OnPostCopyAsync(Guid id, string? name, CancellationToken ct)
    {
        if (await store.FindAsync(id, User.UserId(), ct) is not { } source)
        {
            return NotFound();
        }

        var input = await new DashboardInput(string.IsNullOrWhiteSpace(name) ? $"My {source.Name}"[..Math.Min(Dashboard.MaxNameLength, source.Name.Length + 3)] : name,
            false, null, source.Filters, null).CheckAsync(db, false, Errors, ct);
        if (input is null)
        {
            return await LoadAsync(id, ct);
        }

        var copy = await store.CreateAsync(input with { Widgets = DefaultWidgets.Copy(source.Widgets) }, User.UserId(), User.Role(), ct);
        audit.Record(User.Actor(), "dashboard.created", $"dashboard:{copy.Id}", $"copy of {source.Id}");
        await db.SaveChangesAsync(ct);
        return Redirect($"/dashboards/{copy.Id}/customize");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (await store.FindAsync(id, User.UserId(), ct, tracked: true) is not { } dashboard)
        {
            return NotFound();
        }

        if (!DashboardStore.MayEdit(dashboard, User.UserId(), MayShare))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        db.Dashboards.Remove(dashboard);
        audit.Record(User.Actor(), "dashboard.deleted", $"dashboard:{dashboard.Id}", dashboard.Name);
        await db.SaveChangesAsync(ct);
        return Redirect("/dashboards");
    }

    public Task<IActionResult> OnPostShareAsync(Guid id, int days, CancellationToken ct) =>
        EditAsync(id, dashboard =>
        {
            if (days is < 1 or > ShareLinks.MaxDays)
            {
                Errors["days"] = [$"A link lasts 1 to {ShareLinks.MaxDays} days."];
                return Task.FromResult(false);
            }

            var link = shareLinks.Create(dashboard.Id, days, User.Actor());
            audit.Record(User.Actor(), "dashboard.link.created", $"dashboard:{dashboard.Id}", $"link {link.Id} for {days} days");
            return Task.FromResult(true);
        }, null, ct);

    public Task<IActionResult> OnPostRevokeAsync(Guid id, Guid linkId, CancellationToken ct) =>
        EditAsync(id, async dashboard =>
        {
            var link = await db.DashboardShareLinks.FirstOrDefaultAsync(l => l.Id == linkId && l.DashboardId == dashboard.Id, ct);
            if (link is { RevokedAt: null })
            {
                link.RevokedAt = clock.GetUtcNow().UtcDateTime;
                audit.Record(User.Actor(), "dashboard.link.revoked", $"dashboard:{dashboard.Id}", $"link {link.Id}");
            }

            return true;
        }, null, ct);

    /// <summary>Loads the dashboard for a change it may take, applies it, saves and comes back; errors show on the page.</summary>
    private async Task<IActionResult> EditAsync(Guid id, Func<Dashboard, Task<bool>> change, string? action, CancellationToken ct)
    {
        if (await store.FindAsync(id, User.UserId(), ct, tracked: true) is not { } dashboard)
        {
            return NotFound();
        }

        if (!DashboardStore.MayEdit(dashboard, User.UserId(), MayShare))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (!await change(dashboard))
        {
            return await LoadAsync(id, ct);
        }

        dashboard.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        if (action is not null)
        {
            audit.Record(User.Actor(), action, $"dashboard:{dashboard.Id}", dashboard.Name);
        }

        await db.SaveChangesAsync(ct);
        return Redirect($"/dashboards/{id}/customize");
    }

    private async Task<IActionResult> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await store.FindAsync(id, User.UserId(), ct) is not { } dashboard)
        {
            return NotFound();
        }

        Dashboard = dashboard;
        MayEdit = DashboardStore.MayEdit(dashboard, User.UserId(), MayShare);
        Links = MayEdit
            ? await db.DashboardShareLinks.AsNoTracking().Where(l => l.DashboardId == id).OrderByDescending(l => l.CreatedAt).ToListAsync(ct)
            : [];
        return Page();
    }
}
