using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases.Remedies;
using Touchpoint.Core.Data;
using Touchpoint.Web.Cases.Remedies;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Cases;

/// <summary>
/// A case's remedies on a page of their own (a deep link from notifications), and where the remedies
/// panel's form posts, whichever page shows the panel: a refused form comes back here with its errors.
/// </summary>
[Authorize(Policy = "cases.handle")]
internal sealed class CaseRemediesPageModel(TouchpointDbContext db, RemedyDesk desk) : PageModel
{
    public Guid CaseId { get; private set; }
    public int Number { get; private set; }
    public string Title { get; private set; } = "";
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid caseId, CancellationToken ct) =>
        await LoadAsync(caseId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostGiveAsync(Guid caseId, string? kind, string? amount, string? currency, string? note, string? returnUrl,
        CancellationToken ct)
    {
        if (!await LoadAsync(caseId, ct))
        {
            return NotFound();
        }

        if (await ActingMember.ResolveAsync(User, db, ct) is not { } actor)
        {
            return Forbid();
        }

        decimal? value = null;
        if (!string.IsNullOrWhiteSpace(amount))
        {
            var text = amount.Trim();
            text = text.Contains(',', StringComparison.Ordinal) && !text.Contains('.', StringComparison.Ordinal) ? text.Replace(',', '.') : text;
            if (!decimal.TryParse(text, NumberStyles.Number & ~NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var parsed))
            {
                return Refused(new() { ["amount"] = ["Give the amount as a number, such as 40 or 12.50."] }, kind, amount, currency, note);
            }

            value = parsed;
        }

        var result = await desk.GiveAsync(caseId, new RemedyDesk.Input(kind, value, currency, note), actor, PublicUrls.Base(HttpContext), ct);
        switch (result.Outcome)
        {
            case RemedyOutcome.Done:
                return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : $"/cases/remedies/{caseId}");
            case RemedyOutcome.Invalid:
                return Refused(result.Errors!, kind, amount, currency, note);
            case RemedyOutcome.NotFound:
                return NotFound();
            default:
                Message = result.Message;
                Response.StatusCode = result.Outcome == RemedyOutcome.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict;
                return Page();
        }
    }

    private PageResult Refused(Dictionary<string, string[]> errors, string? kind, string? amount, string? currency, string? note)
    {
        HttpContext.Items[CaseRemediesViewComponent.FormStateKey] = new CaseRemediesViewComponent.FormState(errors, kind, amount, currency, note);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid caseId, CancellationToken ct)
    {
        var found = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => new { c.Number, c.Title }).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return false;
        }

        (CaseId, Number, Title) = (caseId, found.Number, found.Title);
        return true;
    }
}
