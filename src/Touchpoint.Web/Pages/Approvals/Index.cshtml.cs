using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Cases.Remedies;
using Touchpoint.Core.Data;
using Touchpoint.Web.Cases.Remedies;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Approvals;

/// <summary>
/// Remedies waiting for a manager: every pending request in the workspace except the manager's own,
/// oldest first, with approve and deny. The case panel's decision buttons post here too.
/// </summary>
[Authorize(Policy = "cases.approve")]
internal sealed class ApprovalsModel(TouchpointDbContext db, RemedyDecisions decisions) : PageModel
{
    public sealed record Waiting(Guid Id, Guid CaseId, int CaseNumber, string CaseTitle, string What, string RequestedBy, string? Note,
        DateTime CreatedAt, Guid Version);

    public List<Waiting> Requests { get; private set; } = [];
    public string? Message { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostDecideAsync(Guid remedyId, Guid? version, string? decision, string? note, string? returnUrl,
        CancellationToken ct)
    {
        if (decision is not ("approve" or "deny"))
        {
            return await ShowAsync(StatusCodes.Status400BadRequest, "Choose Approve or Deny.", ct);
        }

        if (await ActingMember.ResolveAsync(User, db, ct) is not { } actor)
        {
            return Forbid();
        }

        var result = await decisions.DecideAsync(remedyId, decision == "approve", note, actor, version, ct);
        return result.Outcome switch
        {
            RemedyOutcome.Done => LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/approvals"),
            RemedyOutcome.NotFound => NotFound(),
            RemedyOutcome.Invalid => await ShowAsync(StatusCodes.Status400BadRequest, result.Errors!.Values.First()[0], ct),
            RemedyOutcome.Forbidden => await ShowAsync(StatusCodes.Status403Forbidden, result.Message!, ct),
            _ => await ShowAsync(StatusCodes.Status409Conflict, result.Message!, ct),
        };
    }

    private async Task<IActionResult> ShowAsync(int status, string message, CancellationToken ct)
    {
        Message = message;
        Response.StatusCode = status;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var me = User.UserId();
        var pending = await db.Compensations.AsNoTracking()
            .Where(c => c.Status == CompensationStatus.PendingApproval && c.RequestedById != me)
            .Join(db.Cases, c => c.CaseId, k => k.Id, (c, k) => new { Remedy = c, k.Number, k.Title })
            .OrderBy(x => x.Remedy.CreatedAt)
            .ToListAsync(ct);
        var people = pending.Select(p => p.Remedy.RequestedById).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName == "" ? u.Email ?? "" : u.DisplayName, ct);
        Requests = pending.Select(p => new Waiting(p.Remedy.Id, p.Remedy.CaseId, p.Number, p.Title, RemedyText.Of(p.Remedy),
            names.GetValueOrDefault(p.Remedy.RequestedById, "a former member"), p.Remedy.Note, p.Remedy.CreatedAt, p.Remedy.Version)).ToList();
    }
}
