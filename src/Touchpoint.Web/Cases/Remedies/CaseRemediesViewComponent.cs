using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Cases.Remedies;
using Touchpoint.Core.Data;

namespace Touchpoint.Web.Cases.Remedies;

/// <summary>
/// The remedies section of a case page: what was granted and what waits for approval, the viewer's
/// own authority, a form to give a remedy (a plain form: it works without JavaScript), and approve and
/// deny buttons for a manager looking at someone else's request.
/// </summary>
[ViewComponent(Name = "CaseRemedies")]
public sealed class CaseRemediesViewComponent(TouchpointDbContext db, Authority authority) : ViewComponent
{
    /// <summary>Where a page that re-renders after a refused form puts the errors and the values sent.</summary>
    public const string FormStateKey = "remedies.form";

    public sealed record Row(Guid Id, string What, CompensationStatus Status, string RequestedBy, string? DecidedBy, DateTime CreatedAt,
        DateTime? DecidedAt, string? Note, string? DecisionNote, bool Decidable, Guid Version);

    public sealed record FormState(Dictionary<string, string[]> Errors, string? Kind, string? Amount, string? Currency, string? Note);

    public sealed record PanelView(Guid CaseId, IReadOnlyList<Row> Remedies, IReadOnlyList<string> Authority, bool CanGive, string? WhyNot,
        string ReturnUrl, FormState? Form);

    public async Task<IViewComponentResult> InvokeAsync(Guid caseId)
    {
        var ct = HttpContext.RequestAborted;
        var target = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => new { c.Id, c.OwnerId }).FirstOrDefaultAsync(ct);
        if (target is null)
        {
            return Content("");
        }

        var actor = await ActingMember.ResolveAsync(HttpContext.User, db, ct);
        var remedies = await db.Compensations.AsNoTracking().Where(c => c.CaseId == caseId).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(ct);
        var people = remedies.Select(r => r.RequestedById).Concat(remedies.Where(r => r.DecidedById != null).Select(r => r.DecidedById!.Value)).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName == "" ? u.Email ?? "" : u.DisplayName, ct);
        var rows = remedies.Select(r => new Row(r.Id, RemedyText.Of(r), r.Status, names.GetValueOrDefault(r.RequestedById, "a former member"),
                r.DecidedById is { } d ? names.GetValueOrDefault(d, "a former member") : null, r.CreatedAt, r.DecidedAt, r.Note, r.DecisionNote,
                actor is { IsManager: true } && r.Status == CompensationStatus.PendingApproval && r.RequestedById != actor.UserId, r.Version))
            .ToList();

        var limits = actor is null ? [] : await authority.OfAsync(actor.UserId, actor.Role, ct);
        var canGive = actor is not null && (actor.IsManager || target.OwnerId == actor.UserId);
        var whyNot = actor is null ? "Sign in as a member to give remedies."
            : canGive ? null
            : "Only the case's owner or a manager gives remedies on this case.";
        // The page itself, without a handler in the query: a redirect there after posting is a plain GET.
        var returnUrl = $"{HttpContext.Request.PathBase}{HttpContext.Request.Path}";
        var form = HttpContext.Items[FormStateKey] as FormState;
        return View(new PanelView(caseId, rows, limits.Select(RemedyText.Authority).ToList(), canGive, whyNot, returnUrl, form));
    }
}
