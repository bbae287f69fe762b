using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Data;
using Touchpoint.Web.Cases.Work;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Cases;

/// <summary>
/// The case lists: "My cases" (open cases I own), "Team queue" (open cases of my teams, unassigned
/// first) and, for managers, "All" cases; each filtered by status and priority, with counts per tab.
/// </summary>
[Authorize(Policy = "feedback.view")]
internal sealed class CasesIndexModel(TouchpointDbContext db, CaseViews views) : PageModel
{
    private const int PageSize = 100;

    public string Tab { get; private set; } = "mine";
    public bool CanSeeAll { get; private set; }
    public bool CanOpen { get; private set; }
    public CaseStatus? Status { get; private set; }
    public CasePriority? Priority { get; private set; }
    public int MineCount { get; private set; }
    public int TeamCount { get; private set; }
    public int AllOpenCount { get; private set; }
    public List<CaseDto> Cases { get; private set; } = [];

    public async Task OnGetAsync(string? tab, string? status, string? priority, CancellationToken ct)
    {
        CanSeeAll = User.Has(Permission.ManageCaseRules);
        CanOpen = User.Has(Permission.HandleCases);
        Tab = tab switch
        {
            "team" => "team",
            "all" when CanSeeAll => "all",
            _ => "mine",
        };
        Status = Enum.TryParse<CaseStatus>(status, ignoreCase: true, out var s) && !(status ?? "").Any(char.IsDigit) ? s : null;
        Priority = Enum.TryParse<CasePriority>(priority, ignoreCase: true, out var p) && !(priority ?? "").Any(char.IsDigit) ? p : null;
        var me = User.UserId();
        var myTeams = me is { } user ? await db.TeamMembers.AsNoTracking().Where(m => m.UserId == user).Select(m => m.TeamId).ToListAsync(ct) : [];
        var open = new CaseFilters(Open: true);
        var mine = open with { FilterOwner = true, OwnerId = me ?? Guid.Empty };
        var team = open with { AnyTeam = myTeams };
        MineCount = await mine.Apply(db.Cases.AsNoTracking()).CountAsync(ct);
        TeamCount = await team.Apply(db.Cases.AsNoTracking()).CountAsync(ct);
        AllOpenCount = CanSeeAll ? await open.Apply(db.Cases.AsNoTracking()).CountAsync(ct) : 0;

        // "My cases" and the queue are work to do: open cases only, unless a status is asked for.
        var filters = Tab switch
        {
            "team" => team,
            "all" => new CaseFilters(),
            _ => mine,
        };
        if (Status is not null)
        {
            filters = filters with { Status = Status, Open = null };
        }

        filters = filters with { Priority = Priority };
        var query = filters.Apply(db.Cases.AsNoTracking());
        var ordered = Tab == "team"
            ? query.OrderBy(c => c.OwnerId != null).ThenByDescending(c => c.Priority == CasePriority.Urgent).ThenByDescending(c => c.Priority == CasePriority.High)
                .ThenBy(c => c.Number)
            : query.OrderByDescending(c => c.Number);
        Cases = await views.DtosAsync(await ordered.Take(PageSize).ToListAsync(ct), ct);
    }

    public static string TabLink(string tab) => $"/cases?tab={tab}";
}
