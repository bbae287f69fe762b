using Microsoft.AspNetCore.SignalR;
using Touchpoint.Core.Conversations;

namespace Touchpoint.Web.Conversations;

/// <summary>
/// Sends committed changes to the hub's groups: every message to the workspace's agents, public ones
/// also to the conversation's visitor. Fire and forget: a client that misses a notice catches up by
/// sequence number when it reconnects.
/// </summary>
internal sealed partial class SignalRConversationFeed(IHubContext<ConversationHub> hub, ILogger<SignalRConversationFeed> logger)
    : IConversationFeed
{
    public void MessageAdded(ConversationMessage message)
    {
        var dto = MessageDto.From(message);
        Send(hub.Clients.Group(ConversationHub.AgentsGroup(message.WorkspaceId)).SendAsync("message", dto));
        if (!message.Private)
        {
            Send(hub.Clients.Group(ConversationHub.ConversationGroup(message.ConversationId)).SendAsync("message", dto));
        }
    }

    public void ConversationChanged(Conversation conversation) =>
        Send(hub.Clients.Group(ConversationHub.AgentsGroup(conversation.WorkspaceId)).SendAsync("conversation", ConversationDto.From(conversation)));

    private void Send(Task sending) =>
        sending.ContinueWith(t => LogSendFailed(t.Exception!.GetBaseException()), CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A conversation notice could not be sent; clients catch up on reconnect")]
    private partial void LogSendFailed(Exception ex);
}
