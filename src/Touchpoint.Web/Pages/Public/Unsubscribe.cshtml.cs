using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Surveys;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Public;

/// <summary>
/// The unsubscribe link of survey emails. Opening it changes nothing (mail scanners open every
/// link); the button does: it withdraws the customer's consent to surveys, audited. No antiforgery
/// token, as on the survey page: the token in the link is the authority, and it is unguessable.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(RateLimits.Public)]
[PublicEndpoint]
internal sealed class UnsubscribeModel(TouchpointDbContext db, WorkspaceScope scope, CustomerEditor customers) : PageModel
{
    public bool Found { get; private set; }
    public bool Done { get; private set; }
    public string Company { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        await FindAsync(token, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        var invitation = await FindAsync(token, ct);
        if (invitation is null)
        {
            return Page();
        }

        scope.Enter(invitation.WorkspaceId);
        if (invitation.CustomerId is { } id && await db.Customers.FirstOrDefaultAsync(c => c.Id == id, ct) is { } customer
            && customer.Consent.Surveys != false)
        {
            // Through the editor: audited ("customer.updated", consent) and segments see the change.
            await customers.UpdateAsync(customer, new JsonObject { ["consent"] = new JsonObject { ["surveys"] = false } },
                $"unsubscribe-link:{invitation.Id}", ct);
        }

        Done = true;
        return Page();
    }

    private async Task<SurveyInvitation?> FindAsync(string token, CancellationToken ct)
    {
        var invitation = token.Length is > 0 and <= 64
            ? await db.SurveyInvitations.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(i => i.Token == token, ct)
            : null;
        Found = invitation is not null;
        if (invitation is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return null;
        }

        Company = await db.Workspaces.AsNoTracking().Where(w => w.Id == invitation.WorkspaceId).Select(w => w.Name).FirstAsync(ct);
        return invitation;
    }
}
