using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;

namespace Touchpoint.Web.Pages.Journeys;

/// <summary>The journey maps: ordered stages and their touch points.</summary>
[Authorize(Policy = "member")]
internal sealed class JourneysIndexModel(TouchpointDbContext db) : PageModel
{
    public List<Journey> Journeys { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Journeys = await db.Journeys.AsNoTracking().Include(j => j.Stages).ThenInclude(s => s.TouchPoints)
            .OrderByDescending(j => j.IsDefault).ThenBy(j => j.Name).ToListAsync(ct);
}
