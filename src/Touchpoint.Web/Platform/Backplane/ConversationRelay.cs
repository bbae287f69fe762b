using Touchpoint.Core.Data.Backplane;
using Touchpoint.Web.Conversations;

namespace Touchpoint.Web.Platform.Backplane;

/// <summary>
/// Hands conversation notices from other nodes to this node's <see cref="SignalRConversationFeed"/>,
/// which reads the row and pushes it to its hub groups in the conversation's line, as the origin node
/// did. Notices for a workspace (or conversation) nobody here watches are dropped unread.
/// </summary>
internal sealed class ConversationRelay(INodeBus bus, SignalRConversationFeed feed, ConversationHubPresence presence)
    : NodeRelay(bus, NodeChannels.Conversations)
{
    internal override void Receive(NodeNotice notice)
    {
        switch (notice)
        {
            case { Kind: NodeNotice.MessageKind, ConversationId: { } conversationId, MessageId: { } messageId }
                when presence.Watches(notice.WorkspaceId, conversationId):
                feed.MessageStoredElsewhere(notice.WorkspaceId, conversationId, messageId);
                break;
            case { Kind: NodeNotice.ConversationKind, ConversationId: { } conversationId } when presence.HasAgents(notice.WorkspaceId):
                feed.ConversationChangedElsewhere(notice.WorkspaceId, conversationId);
                break;
        }
    }
}
