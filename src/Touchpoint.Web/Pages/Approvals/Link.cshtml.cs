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
/// Where the one-click link in an approval email lands. Opening it only shows the request with
/// Approve and Deny (mail scanners open links; a GET never decides); the signed-in manager's POST
/// decides. The link works once and for <see cref="RemedyLimits.ApprovalLinkLifetime"/>; a forged,
/// used or expired one gets a page saying so, never a decision.
/// </summary>
[Authorize]
internal sealed class ApprovalLinkModel(TouchpointDbContext db, RemedyDecisions decisions, Authority authority) : PageModel
{
    public string? Problem { get; private set; }
    public string? Done { get; private set; }
    public Compensation? Remedy { get; private set; }
    public int CaseNumber { get; private set; }
    public string CaseTitle { get; private set; } = "";
    public string RequestedBy { get; private set; } = "";
    public string RequesterAuthority { get; private set; } = "";
    public string AlreadyGiven { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        var (remedy, _) = await CheckAsync(token, ct);
        if (remedy is not null)
        {
            await DescribeAsync(remedy, ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, string? decision, string? note, Guid? version, CancellationToken ct)
    {
        var (remedy, actor) = await CheckAsync(token, ct);
        if (remedy is null || actor is null)
        {
            return Page();
        }

        if (decision is not ("approve" or "deny"))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Problem = "Choose Approve or Deny.";
            await DescribeAsync(remedy, ct);
            return Page();
        }

        var result = await decisions.DecideAsync(remedy.Id, decision == "approve", note, actor, version, ct);
        if (result.Outcome == RemedyOutcome.Done)
        {
            Done = $"{(decision == "approve" ? "Approved" : "Denied")}: {RemedyText.Of(result.Remedy!)}. The person who asked has been told.";
            return Page();
        }

        Response.StatusCode = result.Outcome switch
        {
            RemedyOutcome.Invalid => StatusCodes.Status400BadRequest,
            RemedyOutcome.Forbidden => StatusCodes.Status403Forbidden,
            RemedyOutcome.Stale => StatusCodes.Status412PreconditionFailed,
            _ => StatusCodes.Status409Conflict,
        };
        Problem = result.Message ?? result.Errors?.Values.First()[0];
        if (result.Outcome is RemedyOutcome.Invalid or RemedyOutcome.Stale)
        {
            await DescribeAsync(remedy, ct);
        }

        return Page();
    }

    /// <summary>The request the link is for, when this person may decide it now; otherwise sets <see cref="Problem"/> and the status.</summary>
    private async Task<(Compensation? Remedy, RemedyActor? Actor)> CheckAsync(string token, CancellationToken ct)
    {
        var remedy = await decisions.FindByTokenAsync(token, ct);
        string? problem = null;
        var status = StatusCodes.Status200OK;
        RemedyActor? actor = null;
        if (remedy is null)
        {
            (status, problem) = (StatusCodes.Status404NotFound, "This approval link is not valid: it matches no request. Open Approvals to see what waits for you.");
        }
        else if (remedy.WorkspaceId != User.WorkspaceId())
        {
            (status, problem) = (StatusCodes.Status403Forbidden, "This request belongs to another workspace: switch to it with the workspace menu, then open the link again.");
        }
        else if (remedy.Status != CompensationStatus.PendingApproval)
        {
            (status, problem) = (StatusCodes.Status409Conflict, $"{await decisions.AlreadyDecidedAsync(remedy, ct)} The link works once.");
        }
        else if (decisions.LinkExpired(remedy))
        {
            (status, problem) = (StatusCodes.Status410Gone, "This approval link has expired. The request still waits: decide it from Approvals.");
        }
        else if ((actor = await ActingMember.ResolveAsync(User, db, ct)) is not { IsManager: true })
        {
            (status, problem) = (StatusCodes.Status403Forbidden, "Only a manager, an admin or an owner approves or denies remedies.");
        }
        else if (remedy.RequestedById == actor.UserId)
        {
            (status, problem) = (StatusCodes.Status403Forbidden, "You asked for this remedy, so another manager decides it.");
        }

        if (problem is null)
        {
            return (remedy, actor);
        }

        Problem = problem;
        Response.StatusCode = status;
        return (null, null);
    }

    private async Task DescribeAsync(Compensation remedy, CancellationToken ct)
    {
        Remedy = remedy;
        var target = await db.Cases.AsNoTracking().FirstAsync(c => c.Id == remedy.CaseId, ct);
        (CaseNumber, CaseTitle) = (target.Number, target.Title);
        var requester = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == remedy.RequestedById, ct);
        RequestedBy = requester is null ? "a former member" : requester.DisplayName is "" ? requester.Email ?? "" : requester.DisplayName;
        var role = await db.Memberships.AsNoTracking().Where(m => m.UserId == remedy.RequestedById).Select(m => (Core.Platform.WorkspaceRole?)m.Role).FirstOrDefaultAsync(ct);
        var limit = role is { } r ? await authority.ForAsync(remedy.RequestedById, r, remedy.Kind, ct) : null;
        RequesterAuthority = limit is null ? $"no authority for {RemedyKinds.Label(remedy.Kind)}" : RemedyText.Authority(limit);
        var given = await db.Compensations.AsNoTracking()
            .Where(c => c.CaseId == remedy.CaseId && c.Kind == remedy.Kind && (c.Status == CompensationStatus.Granted || c.Status == CompensationStatus.Approved))
            .Select(c => c.Amount ?? 0m).ToListAsync(ct);
        AlreadyGiven = given.Count == 0 ? "nothing yet" : $"{RemedyText.Money(given.Sum())} in {given.Count} remed{(given.Count == 1 ? "y" : "ies")}";
    }
}
