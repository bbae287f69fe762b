namespace Touchpoint.Core.Conversations;

/// <summary>
/// Tells connected clients (the widget, agents' inbox pages) what changed in a conversation, after
/// the change is committed. The web host's implementation sends over SignalR; a client that missed
/// something catches up by sequence number, so a lost notice never loses a message.
/// </summary>
public interface IConversationFeed
{
    void MessageAdded(ConversationMessage message);

    void ConversationChanged(Conversation conversation);
}
