using Microsoft.AspNetCore.SignalR;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Cases.Work;

namespace Touchpoint.Web.Cases.Work;

/// <summary>
/// Pushes committed notifications to the person's open pages on this node. A push that fails or reaches
/// nobody loses nothing: the bell's count and the list are read from the database on every page.
/// </summary>
internal sealed partial class SignalRNotificationFeed(IHubContext<NotificationHub> hub, ILogger<SignalRNotificationFeed> logger) : INotificationFeed
{
    public void Notified(UserNotification notification, int unread) =>
        hub.Clients.Group(NotificationHub.UserGroup(notification.WorkspaceId, notification.UserId))
            .SendAsync("notification", new NotificationPush(notification.Id, notification.Title, notification.Body, notification.Link,
                notification.CreatedAt, unread))
            .ContinueWith(t => LogSendFailed(t.Exception!.GetBaseException()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted,
                TaskScheduler.Default);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A notification could not be pushed; the bell shows it on the next page")]
    private partial void LogSendFailed(Exception ex);
}
