using System.Data.Common;
using Microsoft.AspNetCore.SignalR;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Web.Conversations.Attachments;

namespace Touchpoint.Web.Conversations;

/// <summary>
/// Sends committed changes to the hub's groups: every message to the workspace's agents, public ones
/// also to the conversation's visitor, each with its files' URLs for that audience. Fire and forget:
/// a client that misses a notice catches up by sequence number when it reconnects.
/// </summary>
internal sealed partial class SignalRConversationFeed(IHubContext<ConversationHub> hub, IServiceScopeFactory scopes,
    ILogger<SignalRConversationFeed> logger) : IConversationFeed
{
    // One line of pushes per conversation: reading a message's files is asynchronous, and a client
    // that got message 8 before message 7 would take 7 for a duplicate.
    private readonly Dictionary<Guid, Task> _lines = [];
    private readonly Lock _linesLock = new();

    public void MessageAdded(ConversationMessage message)
    {
        var id = message.ConversationId;
        lock (_linesLock)
        {
            var before = _lines.TryGetValue(id, out var line) ? line : Task.CompletedTask;
            var next = before.ContinueWith(_ => PushAsync(message), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)
                .Unwrap();
            _lines[id] = next;
            next.ContinueWith(_ => Forget(id, next), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    public void ConversationChanged(Conversation conversation) =>
        Send(hub.Clients.Group(ConversationHub.AgentsGroup(conversation.WorkspaceId)).SendAsync("conversation", ConversationDto.From(conversation)));

    private async Task PushAsync(ConversationMessage message)
    {
        if (message.AppendedWithoutFiles)
        {
            // Nothing to read: the hot path of live chat pushes straight away.
            var dto = MessageDto.From(message, []);
            await hub.Clients.Group(ConversationHub.AgentsGroup(message.WorkspaceId)).SendAsync("message", dto);
            if (!message.Private)
            {
                await hub.Clients.Group(ConversationHub.ConversationGroup(message.ConversationId)).SendAsync("message", dto);
            }

            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(message.WorkspaceId);
            var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
            var forAgents = await MessageFiles.DtoAsync(db, message, FileAudience.Agents, CancellationToken.None);
            await hub.Clients.Group(ConversationHub.AgentsGroup(message.WorkspaceId)).SendAsync("message", forAgents);
            if (!message.Private)
            {
                var visitor = forAgents.Attachments is { Count: > 0 }
                    ? await FileAudience.VisitorOfAsync(db, message.ConversationId, CancellationToken.None)
                    : FileAudience.Visitor("");
                await hub.Clients.Group(ConversationHub.ConversationGroup(message.ConversationId)).SendAsync("message",
                    MessageFiles.For(forAgents, visitor));
            }
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ObjectDisposedException or IOException)
        {
            LogSendFailed(ex);
        }
    }

    private void Forget(Guid conversationId, Task line)
    {
        lock (_linesLock)
        {
            if (_lines.TryGetValue(conversationId, out var current) && current == line)
            {
                _lines.Remove(conversationId);
            }
        }
    }

    private void Send(Task sending) =>
        sending.ContinueWith(t => LogSendFailed(t.Exception!.GetBaseException()), CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A conversation notice could not be sent; clients catch up on reconnect")]
    private partial void LogSendFailed(Exception ex);
}
