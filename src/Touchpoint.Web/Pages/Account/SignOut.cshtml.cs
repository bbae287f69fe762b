using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Touchpoint.Core.Platform;

namespace Touchpoint.Web.Pages.Account;

/// <summary>Signing out is a POST (with the antiforgery token) so a link elsewhere cannot sign people out.</summary>
[AllowAnonymous]
internal sealed class SignOutModel(SignInManager<User> signIn) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/signin");
    }
}
