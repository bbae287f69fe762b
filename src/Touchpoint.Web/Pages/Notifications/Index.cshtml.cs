using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Data;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Notifications;

/// <summary>The signed-in member's notifications, newest first; opening one or "Mark all read" clears the bell.</summary>
[Authorize(Policy = "member")]
internal sealed class NotificationsModel(TouchpointDbContext db, TimeProvider clock) : PageModel
{
    private const int PageSize = 100;

    public List<UserNotification> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.UserId() is not { } me)
        {
            return Forbid();
        }

        Items = await db.UserNotifications.AsNoTracking().Where(n => n.UserId == me).OrderByDescending(n => n.CreatedAt).Take(PageSize).ToListAsync(ct);
        return Page();
    }

    /// <summary>Marks one notification read and follows its link (only links inside the app).</summary>
    public async Task<IActionResult> OnPostOpenAsync(Guid id, CancellationToken ct)
    {
        if (User.UserId() is not { } me)
        {
            return Forbid();
        }

        var notification = await db.UserNotifications.FirstOrDefaultAsync(n => n.Id == id && n.UserId == me, ct);
        if (notification is null)
        {
            return NotFound();
        }

        notification.ReadAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return Redirect(notification.Link is { } link && link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal) ? link : "/notifications");
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        if (User.UserId() is not { } me)
        {
            return Forbid();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await db.UserNotifications.Where(n => n.UserId == me && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        TempData["Flash"] = "All notifications marked read.";
        return Redirect("/notifications");
    }
}
