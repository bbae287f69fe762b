using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Touchpoint.Core.Data;
using Touchpoint.Core.Segments;

namespace Touchpoint.Web.Pages.Segments;

/// <summary>Creates a dynamic segment (rule builder with a live count) or a static list.</summary>
[Authorize(Policy = "segments.manage")]
internal sealed class NewSegmentModel(TouchpointDbContext db, SegmentService segments) : SegmentFormModel(db)
{
    public override bool IsNew => true;

    public Task OnGetAsync(CancellationToken ct) => LoadBuilderAsync(null, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var input = Input();
        if (Errors.Count == 0)
        {
            var outcome = await segments.CreateAsync(input, ct);
            Errors = outcome.Errors;
            if (Errors.Count == 0)
            {
                TempData["Flash"] = $"Segment \"{outcome.Segment!.Name}\" created with {outcome.Segment.MemberCount} members.";
                return Redirect($"/segments/{outcome.Segment.Id}");
            }
        }

        await LoadBuilderAsync(null, ct);
        return Page();
    }
}
