using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Platform;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Account;

/// <summary>
/// First run of an install without demo data or bootstrap settings: creates the first owner and
/// workspace. Gone (404) as soon as any user exists, so it can never be used to take over.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Account)]
internal sealed class SetupModel(UserManager<User> users, WorkspaceProvisioner provisioner, WorkspaceSignIn signIn, TimeProvider clock) : PageModel
{
    public List<string> Errors { get; } = [];

    [BindProperty] public string WorkspaceName { get; set; } = "";
    [BindProperty] public string TimeZone { get; set; } = "UTC";
    [BindProperty] public string DisplayName { get; set; } = "";
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";

    public async Task<IActionResult> OnGetAsync() => await AnyUserAsync() ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await AnyUserAsync())
        {
            return NotFound();
        }

        Errors.AddRange(WorkspaceRules.Check(WorkspaceName, TimeZone));

        if (!System.Net.Mail.MailAddress.TryCreate(Email?.Trim(), out _))
        {
            Errors.Add("Enter a valid email address.");
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var owner = new User
        {
            UserName = Email!.Trim(),
            Email = Email.Trim(),
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(DisplayName) ? Email.Trim() : DisplayName.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(owner, Password ?? "");
        if (!created.Succeeded)
        {
            Errors.AddRange(created.Errors.Select(e => e.Description));
            return Page();
        }

        await provisioner.CreateAsync(WorkspaceName.Trim(), TimeZone!, owner, ct);
        await signIn.SignInAsync(owner, remember: false);
        TempData["Flash"] = "Your workspace is ready. Create a survey to start listening.";
        return Redirect("/");
    }

    private Task<bool> AnyUserAsync() => users.Users.AnyAsync();
}
