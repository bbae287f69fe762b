using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Segments;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Segments;

/// <summary>A segment's members, a page at a time; static lists take external ids to add or remove.</summary>
[Authorize(Policy = "feedback.view")]
internal sealed class SegmentDetailsModel(TouchpointDbContext db, SegmentService segments) : PageModel
{
    private const int PageSize = 50;

    public Segment Segment { get; private set; } = null!;
    public List<SegmentService.MemberRow> Members { get; private set; } = [];
    public Guid? Next { get; private set; }
    public bool CanManage => User.Has(Permission.ManageSegments);
    public List<SegmentService.UnknownItem> Unknown { get; private set; } = [];

    [BindProperty] public string? ExternalIds { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? after, CancellationToken ct) =>
        await LoadAsync(id, after, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAddAsync(Guid id, CancellationToken ct) => ChangeAsync(id, add: true, ct);

    public Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken ct) => ChangeAsync(id, add: false, ct);

    public async Task<IActionResult> OnPostRecomputeAsync(Guid id, CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        if (await segments.RecomputeAsync(id, ct) is not { } done)
        {
            return NotFound();
        }

        TempData["Flash"] = $"Recomputed: {done.MemberCount} members ({done.ElapsedMs} ms).";
        return Redirect($"/segments/{id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        if (!await segments.DeleteAsync(id, ct))
        {
            return NotFound();
        }

        TempData["Flash"] = "Segment deleted.";
        return Redirect("/segments");
    }

    private async Task<IActionResult> ChangeAsync(Guid id, bool add, CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        if (!await LoadAsync(id, null, ct))
        {
            return NotFound();
        }

        if (Segment.Kind != SegmentKind.Static)
        {
            return BadRequest();
        }

        var ids = (ExternalIds ?? "").Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var change = add
            ? await segments.AddToListAsync(Segment, null, ids, ct)
            : await segments.RemoveFromListAsync(Segment, null, ids, ct);
        Unknown = [.. change.Unknown];
        TempData["Flash"] = $"{(add ? "Added" : "Removed")} {change.Changed}; the list now has {change.MemberCount} members.";
        if (Unknown.Count == 0)
        {
            return Redirect($"/segments/{id}");
        }

        await LoadAsync(id, null, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, Guid? after, CancellationToken ct)
    {
        var segment = await db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (segment is null)
        {
            return false;
        }

        Segment = segment;
        (Members, Next) = await segments.MembersAsync(id, after, PageSize, ct);
        return true;
    }
}
