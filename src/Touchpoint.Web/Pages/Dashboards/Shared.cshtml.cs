using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics.Dashboards;
using Touchpoint.Core.Data;
using Touchpoint.Web.Analytics.Dashboards;

namespace Touchpoint.Web.Pages.Dashboards;

/// <summary>
/// A dashboard behind a read-only share link, for people without an account: its saved filters only,
/// scores and counts only (no responses to drill into, no agent names, nothing a customer wrote), each
/// score subject to the workspace's minimum number of answers. A forged, expired or revoked token is a 404.
/// </summary>
[AllowAnonymous]
internal sealed class SharedDashboardModel(ShareLinks links, WorkspaceScope scope, TouchpointDbContext db, WidgetData data,
    TimeProvider clock) : PageModel
{
    public Dashboard Dashboard { get; private set; } = null!;
    public DashboardRange Range { get; private set; } = null!;
    public IReadOnlyList<WidgetResult> Widgets { get; private set; } = [];
    public int MinimumAnswers { get; private set; }
    public string WorkspaceName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        if (await links.OpenAsync(token, ct) is not { } link)
        {
            return NotFound();
        }

        scope.Enter(link.WorkspaceId);
        var workspace = await db.Workspaces.AsNoTracking().FirstAsync(w => w.Id == link.WorkspaceId, ct);
        if (await db.Dashboards.AsNoTracking().Include(d => d.Widgets).FirstOrDefaultAsync(d => d.Id == link.DashboardId, ct) is not { } dashboard)
        {
            return NotFound();
        }

        Dashboard = dashboard;
        WorkspaceName = workspace.Name;
        MinimumAnswers = workspace.MinimumAnswers;
        var errors = new Dictionary<string, string[]>();
        var filter = await DashboardFilterQuery.ReadAsync(new QueryCollection(QueryHelpers.ParseQuery(dashboard.Filters)), db, errors, ct);
        Range = DashboardRange.Resolve(workspace, filter, clock.GetUtcNow());
        Widgets = await data.ComputeAsync(workspace, dashboard, filter, Range, ct);
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        return Page();
    }

    public WidgetView View(WidgetResult result) => new(result, Range, false, null, MinimumAnswers);
}
