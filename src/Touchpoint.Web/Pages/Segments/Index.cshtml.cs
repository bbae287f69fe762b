using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Segments;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Segments;

/// <summary>Every segment with its live member count and when it was last recomputed in full.</summary>
[Authorize(Policy = "feedback.view")]
internal sealed class SegmentsIndexModel(TouchpointDbContext db) : PageModel
{
    public List<Segment> Segments { get; private set; } = [];
    public bool CanManage => User.Has(Permission.ManageSegments);

    public async Task OnGetAsync(CancellationToken ct) =>
        Segments = await db.Segments.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
}
