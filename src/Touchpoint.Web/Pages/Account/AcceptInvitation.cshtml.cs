using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Account;

/// <summary>Accepting an emailed invitation: choose a password (or prove an existing one) and join.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Account)]
internal sealed class AcceptInvitationModel(InvitationService invitations, WorkspaceSignIn signIn) : PageModel
{
    [BindProperty] public string DisplayName { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    public InvitationService.Pending? Pending { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task OnGetAsync(string token) => Pending = await invitations.FindOpenAsync(token);

    public async Task<IActionResult> OnPostAsync(string token)
    {
        Pending = await invitations.FindOpenAsync(token);
        if (Pending is null)
        {
            return Page();
        }

        var (user, errors) = await invitations.AcceptAsync(Pending.Invitation, DisplayName, Password ?? "");
        if (user is null)
        {
            Errors.AddRange(errors.SelectMany(e => e.Value));
            return Page();
        }

        await signIn.SignInAsync(user, remember: false, Pending.Invitation.WorkspaceId);
        TempData["Flash"] = $"Welcome to {Pending.WorkspaceName}.";
        return Redirect("/");
    }
}
