using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Cases.Work;

/// <summary>The unread count the layout's bell shows for the signed-in member (one indexed count per page).</summary>
internal sealed class NotificationBell(TouchpointDbContext db)
{
    public async Task<int?> UnreadAsync(ClaimsPrincipal user)
    {
        if (user.UserId() is not { } userId || user.WorkspaceId() is null)
        {
            return null;
        }

        return await db.UserNotifications.CountAsync(n => n.UserId == userId && n.ReadAt == null);
    }
}
