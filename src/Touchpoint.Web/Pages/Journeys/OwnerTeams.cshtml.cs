using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Journeys;

/// <summary>
/// Which team owns each touch point: cases an alert rule opens there go to that team's queue
/// ("the team of the touch point"). Audited.
/// </summary>
[Authorize(Policy = "cases.manage")]
internal sealed class OwnerTeamsModel(TouchpointDbContext db, AuditLog audit) : PageModel
{
    public sealed record Row(Guid Id, string Journey, string Stage, string Name, string Channel, Guid? OwnerTeamId);

    public List<Row> TouchPoints { get; private set; } = [];
    public List<(Guid Id, string Name)> Teams { get; private set; } = [];

    [BindProperty] public Guid TouchPointId { get; set; }
    [BindProperty] public Guid? OwnerTeamId { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        TouchPoints = await db.TouchPoints.AsNoTracking().OrderBy(t => t.Stage!.Position).ThenBy(t => t.Name)
            .Select(t => new Row(t.Id, db.Journeys.Where(j => j.Id == t.Stage!.JourneyId).Select(j => j.Name).First(), t.Stage!.Name, t.Name,
                t.Channel.ToString().ToLower(), t.OwnerTeamId))
            .ToListAsync(ct);
        Teams = (await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
            .Select(t => (t.Id, t.Name)).ToList();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var touchPoint = await db.TouchPoints.FirstOrDefaultAsync(t => t.Id == TouchPointId, ct);
        if (touchPoint is null)
        {
            return NotFound();
        }

        if (OwnerTeamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team, ct))
        {
            TempData["Flash"] = "That team no longer exists; choose another.";
            return RedirectToPage();
        }

        touchPoint.OwnerTeamId = OwnerTeamId;
        audit.Record(User.Actor(), "touch-point.owner-team", $"touch-point:{touchPoint.Id}", OwnerTeamId?.ToString() ?? "none");
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"Saved the owner team of {touchPoint.Name}.";
        return RedirectToPage();
    }
}
