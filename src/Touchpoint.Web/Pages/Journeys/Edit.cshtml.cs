using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Journeys.Editing;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Journeys;

/// <summary>
/// The journey editor: rename and describe the journey, add, rename, reorder (up and down buttons,
/// plain forms, so it works without JavaScript) and delete stages, and add, rename, move and delete
/// touch points. Every change goes through <see cref="JourneyEditor"/>, which audits it.
/// </summary>
[Authorize(Policy = "journeys.manage")]
internal sealed class JourneyEditModel(JourneyEditor editor, TouchpointDbContext db) : PageModel
{
    public Journey Journey { get; private set; } = null!;
    /// <summary>Every stage of every journey, for moving a touch point elsewhere.</summary>
    public List<(Guid Id, string Label)> AllStages { get; private set; } = [];
    public Dictionary<Guid, int> Feedback { get; private set; } = [];

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public Guid StageId { get; set; }
    [BindProperty] public string? StageName { get; set; }
    [BindProperty] public string? Direction { get; set; }
    [BindProperty] public Guid TouchPointId { get; set; }
    [BindProperty] public string? TouchPointName { get; set; }
    [BindProperty] public string? Channel { get; set; }
    [BindProperty] public Guid? TargetStageId { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await editor.FindAsync(id, ct) is not { } journey)
        {
            return NotFound();
        }

        Journey = journey;
        var points = journey.Stages.SelectMany(s => s.TouchPoints).Select(t => t.Id).ToList();
        Feedback = await editor.FeedbackAsync(points, ct);
        var journeys = await db.Journeys.AsNoTracking().Include(j => j.Stages).OrderByDescending(j => j.IsDefault).ThenBy(j => j.Name).ToListAsync(ct);
        AllStages = journeys.SelectMany(j => j.Stages.OrderBy(s => s.Position).Select(s => (s.Id, j.Id == id ? s.Name : $"{j.Name}: {s.Name}"))).ToList();
        return Page();
    }

    public Task<IActionResult> OnPostRenameAsync(Guid id, CancellationToken ct) =>
        Done(id, editor.RenameAsync(id, Name, Description, User.Actor(), ct), _ => "Saved the journey's name and description.");

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        var result = await editor.DeleteAsync(id, User.Actor(), ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = $"Deleted the journey {result.Value!.Name}.";
            return Redirect("/journeys");
        }

        return await Done(id, Task.FromResult(result), _ => "");
    }

    public Task<IActionResult> OnPostAddStageAsync(Guid id, CancellationToken ct) =>
        Done(id, editor.AddStageAsync(id, StageName, User.Actor(), ct), s => $"Added the stage {s.Name}.");

    public async Task<IActionResult> OnPostRenameStageAsync(Guid id, CancellationToken ct) =>
        await OwnStageAsync(id, ct) ?? await Done(id, editor.RenameStageAsync(StageId, StageName, User.Actor(), ct), s => $"Renamed the stage to {s.Name}.");

    public async Task<IActionResult> OnPostMoveStageAsync(Guid id, CancellationToken ct) =>
        await OwnStageAsync(id, ct) ?? await Done(id, editor.MoveStageAsync(StageId, Direction == "up" ? -1 : 1, User.Actor(), ct),
            s => $"Moved the stage {s.Name} {(Direction == "up" ? "up" : "down")}.");

    public async Task<IActionResult> OnPostDeleteStageAsync(Guid id, CancellationToken ct) =>
        await OwnStageAsync(id, ct) ?? await Done(id, editor.DeleteStageAsync(StageId, User.Actor(), ct), s => $"Deleted the stage {s.Name}.");

    public async Task<IActionResult> OnPostAddTouchPointAsync(Guid id, CancellationToken ct) =>
        await OwnStageAsync(id, ct) ?? await Done(id, editor.AddTouchPointAsync(StageId, TouchPointName, Channel, User.Actor(), ct),
            t => $"Added the touch point {t.Name}.");

    public async Task<IActionResult> OnPostUpdateTouchPointAsync(Guid id, CancellationToken ct) =>
        await OwnTouchPointAsync(id, ct) ?? await Done(id, editor.UpdateTouchPointAsync(TouchPointId, TouchPointName, Channel, TargetStageId,
            User.Actor(), ct), t => $"Saved the touch point {t.Name}.");

    public async Task<IActionResult> OnPostDeleteTouchPointAsync(Guid id, CancellationToken ct) =>
        await OwnTouchPointAsync(id, ct) ?? await Done(id, editor.DeleteTouchPointAsync(TouchPointId, User.Actor(), ct),
            t => $"Deleted the touch point {t.Name}.");

    /// <summary>A stage named in the form must belong to the journey in the address.</summary>
    private async Task<IActionResult?> OwnStageAsync(Guid journeyId, CancellationToken ct) =>
        await db.JourneyStages.AnyAsync(s => s.Id == StageId && s.JourneyId == journeyId, ct) ? null : NotFound();

    private async Task<IActionResult?> OwnTouchPointAsync(Guid journeyId, CancellationToken ct) =>
        await db.TouchPoints.AnyAsync(t => t.Id == TouchPointId && t.Stage!.JourneyId == journeyId, ct) ? null : NotFound();

    /// <summary>Post, redirect, get: success and errors come back as a message on the editor.</summary>
    private async Task<IActionResult> Done<T>(Guid id, Task<EditResult<T>> edit, Func<T, string> message)
        where T : class
    {
        var result = await edit;
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData["Flash"] = message(result.Value!);
        }
        else
        {
            TempData["Error"] = string.Join(" ", result.Errors.SelectMany(e => e.Value));
        }

        return Redirect($"/journeys/{id}/edit");
    }
}
