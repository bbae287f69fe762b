namespace Touchpoint.Core.Cases.Work;

/// <summary>
/// Pushes a committed notification to the person's open pages (the bell in the layout). The web host
/// implements it over SignalR; a push that reaches nobody is fine: the list and the count are read
/// from the database on every page.
/// </summary>
public interface INotificationFeed
{
    void Notified(UserNotification notification, int unread);
}
