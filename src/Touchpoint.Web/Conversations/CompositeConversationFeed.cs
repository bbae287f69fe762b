using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Conversations.Email;
using Touchpoint.Core.Data;
using Touchpoint.Core.Data.Backplane;

namespace Touchpoint.Web.Conversations;

/// <summary>
/// The feed the conversation log tells: forwards every notice to this node's hub and, by id, to the
/// other nodes (<see cref="INodeBus"/>; their relays push it to their own clients), and hands agents' public
/// replies to <see cref="ConversationMailer"/>, which emails them in email conversations. Mailing runs
/// after the message's commit in its own scope and transaction, so neither the REST nor the hub path
/// needs to know about email.
/// </summary>
internal sealed partial class CompositeConversationFeed(SignalRConversationFeed hub, INodeBus nodes, IServiceScopeFactory scopes,
    ILogger<CompositeConversationFeed> logger) : IConversationFeed
{
    public void MessageAdded(ConversationMessage message)
    {
        hub.MessageAdded(message);
        if (nodes.SpansNodes)
        {
            nodes.Publish(NodeChannels.Conversations, NodeNotice.Message(message.WorkspaceId, message.ConversationId, message.Id));
        }

        if (ConversationMailer.MaySend(message))
        {
            _ = MailAsync(message);
        }
    }

    public void ConversationChanged(Conversation conversation)
    {
        hub.ConversationChanged(conversation);
        if (nodes.SpansNodes)
        {
            nodes.Publish(NodeChannels.Conversations, NodeNotice.Conversation(conversation.WorkspaceId, conversation.Id));
        }
    }

    private async Task MailAsync(ConversationMessage message)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(message.WorkspaceId);
            await scope.ServiceProvider.GetRequiredService<ConversationMailer>().SendAsync(message.Id);
        }
        catch (Exception ex) when (ex is DbUpdateException or DbException or InvalidOperationException or ObjectDisposedException)
        {
            LogMailFailed(ex, message.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The email of conversation message {MessageId} could not be queued")]
    private partial void LogMailFailed(Exception ex, long messageId);
}
