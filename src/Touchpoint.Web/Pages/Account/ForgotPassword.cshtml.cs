using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Touchpoint.Core.Data;
using Touchpoint.Core.Email;
using Touchpoint.Core.Platform;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Account;

/// <summary>
/// Queues a reset link by email. The page says the same whether or not the account exists, so it
/// cannot be used to find out who has one.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Account)]
internal sealed class ForgotPasswordModel(UserManager<User> users, Outbox outbox, TouchpointDbContext db) : PageModel
{
    [BindProperty] public string Email { get; set; } = "";
    public bool Sent { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        if (user?.Email is not null)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = $"{PublicUrls.Base(HttpContext)}/reset-password?email={Uri.EscapeDataString(user.Email)}&token={Uri.EscapeDataString(token)}";
            outbox.Enqueue(AccountEmails.PasswordReset(user.Email, link));
            await db.SaveChangesAsync();
        }

        Sent = true;
        return Page();
    }
}
