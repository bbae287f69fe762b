using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Journeys.Editing;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Journeys;

/// <summary>The journey maps: ordered stages and their touch points; people who manage journeys create new ones here.</summary>
[Authorize(Policy = "member")]
internal sealed class JourneysIndexModel(TouchpointDbContext db, JourneyEditor editor) : PageModel
{
    public List<Journey> Journeys { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public bool CanEdit => User.Has(Permission.ManageJourneys);
    public bool CanViewAnalytics => User.Has(Permission.ViewAnalytics);

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        var result = await editor.CreateAsync(new JourneyDraft(Name, Description, []), User.Actor(), ct);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            await LoadAsync(ct);
            return Page();
        }

        TempData["Flash"] = $"Created the journey {result.Value!.Name}: add its stages and touch points.";
        return Redirect($"/journeys/{result.Value.Id}/edit");
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Journeys = await db.Journeys.AsNoTracking().Include(j => j.Stages).ThenInclude(s => s.TouchPoints)
            .OrderByDescending(j => j.IsDefault).ThenBy(j => j.Name).ToListAsync(ct);
}
