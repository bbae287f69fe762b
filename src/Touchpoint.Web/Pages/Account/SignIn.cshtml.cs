using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Platform;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Account;

/// <summary>Email and password sign-in, with lockout after repeated failures.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Account)]
internal sealed class SignInModel(UserManager<User> users, SignInManager<User> signInManager, WorkspaceSignIn workspaceSignIn) : PageModel
{
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public bool RememberMe { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (User.Identity?.IsAuthenticated == true && User.WorkspaceId() is not null)
        {
            return LocalRedirect(SafeReturnUrl());
        }

        // A fresh install with no account yet starts at the setup page.
        return await users.Users.AnyAsync() ? Page() : Redirect("/setup");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        if (user is null)
        {
            Error = "The email or password is not right.";
            return Page();
        }

        var check = await signInManager.CheckPasswordSignInAsync(user, Password ?? "", lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            Error = "This account is locked after too many failed attempts. Try again in 15 minutes, or reset your password.";
            return Page();
        }

        if (!check.Succeeded)
        {
            Error = "The email or password is not right.";
            return Page();
        }

        if (!await workspaceSignIn.SignInAsync(user, RememberMe))
        {
            Error = "Your account is not a member of any workspace yet. Ask an admin to invite you.";
            return Page();
        }

        return LocalRedirect(SafeReturnUrl());
    }

    private string SafeReturnUrl() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
