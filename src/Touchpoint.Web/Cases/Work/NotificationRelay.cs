using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Data.Backplane;
using Touchpoint.Web.Platform.Backplane;

namespace Touchpoint.Web.Cases.Work;

/// <summary>
/// Hands notifications committed on other nodes to the person's pages open on this node: reads the
/// notification and the person's unread count in its workspace, and pushes them here only.
/// </summary>
internal sealed partial class NotificationRelay(INodeBus bus, SignalRNotificationFeed feed, IServiceScopeFactory scopes, ILogger<NotificationRelay> logger)
    : NodeRelay(bus, NodeChannels.Notifications)
{
    internal override void Receive(NodeNotice notice)
    {
        if (notice is { Kind: NodeNotice.NotificationKind, NotificationId: { } id })
        {
            _ = PushAsync(notice.WorkspaceId, id);
        }
    }

    private async Task PushAsync(Guid workspaceId, Guid notificationId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(workspaceId);
            var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
            if (await db.UserNotifications.AsNoTracking().FirstOrDefaultAsync(n => n.Id == notificationId) is { } notification)
            {
                var unread = await db.UserNotifications.CountAsync(n => n.UserId == notification.UserId && n.ReadAt == null);
                feed.PushHere(notification, unread);
            }
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ObjectDisposedException)
        {
            LogReadFailed(ex, notificationId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId}, made on another node, could not be read for the bell")]
    private partial void LogReadFailed(Exception ex, Guid notificationId);
}
