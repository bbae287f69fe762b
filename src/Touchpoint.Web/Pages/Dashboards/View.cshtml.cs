using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Touchpoint.Core.Analytics.Dashboards;
using Touchpoint.Core.Data;
using Touchpoint.Web.Analytics.Dashboards;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Dashboards;

/// <summary>
/// One configurable dashboard: its widgets under the filter bar (the URL's filters, or the dashboard's saved
/// ones when the URL gives none), each figure linking to its responses, each table to its CSV.
/// </summary>
[Authorize(Policy = "analytics.view")]
internal sealed class DashboardViewModel(DashboardStore store, WidgetData data, TouchpointDbContext db, CurrentWorkspace current,
    TimeProvider clock) : PageModel
{
    public Dashboard Dashboard { get; private set; } = null!;
    public DashboardFilter Filter { get; private set; } = new();
    public DashboardRange Range { get; private set; } = null!;
    public IReadOnlyList<WidgetResult> Widgets { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; } = [];
    public FilterChoices Choices { get; private set; } = null!;
    public int MinimumAnswers { get; private set; }
    public bool MayEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await store.FindAsync(id, User.UserId(), ct) is not { } dashboard)
        {
            return NotFound();
        }

        Dashboard = dashboard;
        MayEdit = User.Has(Permission.ManageDashboards) && DashboardStore.MayEdit(dashboard, User.UserId(), DashboardsApi.MayManageShared(HttpContext));
        var workspace = await current.GetAsync(ct);
        MinimumAnswers = workspace.MinimumAnswers;
        Filter = await DashboardsApi.SavedOrGivenAsync(dashboard, Request.Query, db, Errors, ct);
        Range = DashboardRange.Resolve(workspace, Filter, clock.GetUtcNow());
        Choices = await FilterChoices.LoadAsync(db, ct);
        Widgets = await data.ComputeAsync(workspace, dashboard, Filter, Range, ct);
        return Page();
    }

    public FilterBar Bar => new(Filter, Choices, $"/dashboards/{Dashboard.Id}", new Dictionary<string, string>(), false, true, Link,
        $"/dashboards/{Dashboard.Id}?days={Filter.Days}");

    public string Link(IReadOnlyDictionary<string, string?> overrides)
    {
        var query = DashboardFilterQuery.Write(Filter, overrides);
        // An empty query would fall back to the saved filter; the default period keeps it this view.
        return $"/dashboards/{Dashboard.Id}?" + (query.Length > 0 ? query : $"days={DashboardFilter.DefaultDays}");
    }

    public WidgetView View(WidgetResult result) =>
        new(result, Range, true, result.Widget.Kind == WidgetKind.ScoreCard ? null : $"/dashboards/{Dashboard.Id}/widgets/{result.Widget.Id}.csv?{CsvQuery}",
            MinimumAnswers);

    private string CsvQuery => DashboardFilterQuery.Write(Filter) is { Length: > 0 } q ? q : $"days={DashboardFilter.DefaultDays}";
}
