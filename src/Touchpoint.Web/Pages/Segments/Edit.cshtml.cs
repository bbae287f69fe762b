using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Segments;

namespace Touchpoint.Web.Pages.Segments;

/// <summary>Changes a segment's name, description and (dynamic) rule; a new rule recomputes members at once.</summary>
[Authorize(Policy = "segments.manage")]
internal sealed class EditSegmentModel(TouchpointDbContext db, SegmentService segments) : SegmentFormModel(db)
{
    public Guid Id { get; private set; }
    public override bool IsNew => false;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var segment = await Db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (segment is null)
        {
            return NotFound();
        }

        (Id, Name, Description, Kind, Rule) = (id, segment.Name, segment.Description, Lower(segment.Kind), RuleBuilderView.Pretty(segment.Rule));
        await LoadBuilderAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Id = id;
        var input = Input();
        if (Errors.Count == 0)
        {
            var outcome = await segments.UpdateAsync(id, input, ct);
            if (outcome.Segment is null)
            {
                return NotFound();
            }

            Errors = outcome.Errors;
            if (Errors.Count == 0)
            {
                TempData["Flash"] = $"Segment saved: {outcome.Segment.MemberCount} members.";
                return Redirect($"/segments/{id}");
            }
        }

        await LoadBuilderAsync(id, ct);
        return Page();
    }

    private static string Lower(SegmentKind kind) => kind.ToString().ToLowerInvariant();
}
