using Microsoft.AspNetCore.SignalR;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Cases.Work;
using Touchpoint.Core.Data.Backplane;

namespace Touchpoint.Web.Cases.Work;

/// <summary>
/// Pushes committed notifications to the person's open pages on this node, and tells the other nodes
/// (their <see cref="NotificationRelay"/> pushes it to pages open there). A push that fails or reaches
/// nobody loses nothing: the bell's count and the list are read from the database on every page.
/// </summary>
internal sealed partial class SignalRNotificationFeed(IHubContext<NotificationHub> hub, INodeBus nodes, ILogger<SignalRNotificationFeed> logger)
    : INotificationFeed
{
    public void Notified(UserNotification notification, int unread)
    {
        PushHere(notification, unread);
        if (nodes.SpansNodes)
        {
            nodes.Publish(NodeChannels.Notifications, NodeNotice.Notification(notification.WorkspaceId, notification.Id));
        }
    }

    /// <summary>To the person's pages connected to this node only.</summary>
    public void PushHere(UserNotification notification, int unread) =>
        hub.Clients.Group(NotificationHub.UserGroup(notification.WorkspaceId, notification.UserId))
            .SendAsync("notification", new NotificationPush(notification.Id, notification.Title, notification.Body, notification.Link,
                notification.CreatedAt, unread))
            .ContinueWith(t => LogSendFailed(t.Exception!.GetBaseException()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted,
                TaskScheduler.Default);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A notification could not be pushed; the bell shows it on the next page")]
    private partial void LogSendFailed(Exception ex);
}
