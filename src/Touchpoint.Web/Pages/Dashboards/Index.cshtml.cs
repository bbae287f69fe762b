using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Touchpoint.Core.Analytics.Dashboards;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Web.Analytics.Dashboards;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Dashboards;

/// <summary>The dashboards a member can open (their own and the shared ones), and a form to make a new one from their role's default.</summary>
[Authorize(Policy = "analytics.view")]
internal sealed class DashboardsIndexModel(DashboardStore store, TouchpointDbContext db, AuditLog audit) : PageModel
{
    public List<Dashboard> Dashboards { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; } = [];
    public bool MayShare => User.Role() is WorkspaceRole.Owner or WorkspaceRole.Admin;
    public bool MayCreate => User.Has(Permission.ManageDashboards);

    public async Task OnGetAsync(CancellationToken ct) => Dashboards = await store.VisibleAsync(User.UserId(), ct);

    public async Task<IActionResult> OnPostAsync(string? name, bool shared, CancellationToken ct)
    {
        if (!MayCreate)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var checkedInput = await new DashboardInput(name, shared, null, null, null).CheckAsync(db, MayShare, Errors, ct);
        if (checkedInput is null)
        {
            Dashboards = await store.VisibleAsync(User.UserId(), ct);
            return Page();
        }

        var dashboard = await store.CreateAsync(checkedInput, User.UserId(), User.Role(), ct);
        audit.Record(User.Actor(), "dashboard.created", $"dashboard:{dashboard.Id}", dashboard.Name);
        await db.SaveChangesAsync(ct);
        return Redirect($"/dashboards/{dashboard.Id}");
    }
}
