using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;

namespace Touchpoint.Web.Pages.Cases.Sla;

/// <summary>
/// The SLA panel of one case on its own (no layout), for the case page to refresh when a clock pauses,
/// resumes or breaches, and for anything else that wants a case's clocks as HTML.
/// </summary>
[Authorize(Policy = "cases.handle")]
internal sealed class ClockModel(TouchpointDbContext db) : PageModel
{
    public Guid CaseId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid caseId, CancellationToken ct)
    {
        // Another workspace's case is filtered out here, so it is not found rather than shown.
        if (!await db.Cases.AnyAsync(c => c.Id == caseId, ct))
        {
            return NotFound();
        }

        CaseId = caseId;
        return Page();
    }
}
