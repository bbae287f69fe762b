using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Touchpoint.Core.Platform;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Account;

/// <summary>Sets a new password from an emailed reset token; also lifts a lockout.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Account)]
internal sealed class ResetPasswordModel(UserManager<User> users) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Email { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.FindByEmailAsync(Email ?? "");
        if (user is null)
        {
            Errors.Add("This reset link is not valid. Ask for a new one.");
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, Token ?? "", Password ?? "");
        if (!result.Succeeded)
        {
            Errors.AddRange(result.Errors.Select(e => e.Code == "InvalidToken"
                ? "This reset link has expired or was already used. Ask for a new one."
                : e.Description));
            return Page();
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        TempData["Flash"] = "Your password was changed. Sign in with the new one.";
        return Redirect("/signin");
    }
}
