using System.Data.Common;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Web.Conversations.Attachments;

namespace Touchpoint.Web.Conversations;

/// <summary>
/// Sends committed changes to the hub's groups of this node: every message to the workspace's agents,
/// public ones also to the conversation's visitor, each with its files' URLs for that audience.
/// Changes stored by another node arrive by id through the backplane (<c>ConversationRelay</c>) and
/// are read and pushed here the same way, in the same per-conversation line. Fire and forget: a
/// client that misses a notice catches up by sequence number when it reconnects.
/// </summary>
internal sealed partial class SignalRConversationFeed(IHubContext<ConversationHub> hub, IServiceScopeFactory scopes,
    ILogger<SignalRConversationFeed> logger) : IConversationFeed
{
    // One line of pushes per conversation: reading a message's files is asynchronous, and a client
    // that got message 8 before message 7 would take 7 for a duplicate.
    private readonly Dictionary<Guid, Task> _lines = [];
    private readonly Lock _linesLock = new();

    public void MessageAdded(ConversationMessage message) => InLine(message.ConversationId, () => PushAsync(message));

    public void ConversationChanged(Conversation conversation) =>
        Send(hub.Clients.Group(ConversationHub.AgentsGroup(conversation.WorkspaceId)).SendAsync("conversation", ConversationDto.From(conversation)));

    /// <summary>
    /// A message another node stored (the backplane told its id): read here, in its workspace, and
    /// pushed in the conversation's line like a message stored on this node.
    /// </summary>
    public void MessageStoredElsewhere(Guid workspaceId, Guid conversationId, long messageId) =>
        InLine(conversationId, () => PushStoredAsync(workspaceId, conversationId, messageId));

    /// <summary>A conversation another node changed: its current state, read here, to this node's agents.</summary>
    public void ConversationChangedElsewhere(Guid workspaceId, Guid conversationId) =>
        InLine(conversationId, () => PushConversationAsync(workspaceId, conversationId));

    private void InLine(Guid conversationId, Func<Task> push)
    {
        lock (_linesLock)
        {
            var before = _lines.TryGetValue(conversationId, out var line) ? line : Task.CompletedTask;
            var next = before.ContinueWith(_ => push(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)
                .Unwrap();
            _lines[conversationId] = next;
            next.ContinueWith(_ => Forget(conversationId, next), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private async Task PushAsync(ConversationMessage message)
    {
        if (message.AppendedWithoutFiles)
        {
            // Nothing to read: the hot path of live chat pushes straight away.
            await PushWithoutFilesAsync(message);
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(message.WorkspaceId);
            await PushWithFilesAsync(scope.ServiceProvider.GetRequiredService<TouchpointDbContext>(), message);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ObjectDisposedException or IOException)
        {
            LogSendFailed(ex);
        }
    }

    private async Task PushWithoutFilesAsync(ConversationMessage message)
    {
        var dto = MessageDto.From(message, []);
        await hub.Clients.Group(ConversationHub.AgentsGroup(message.WorkspaceId)).SendAsync("message", dto);
        if (!message.Private)
        {
            await hub.Clients.Group(ConversationHub.ConversationGroup(message.ConversationId)).SendAsync("message", dto.ForVisitor());
        }
    }

    private async Task PushWithFilesAsync(TouchpointDbContext db, ConversationMessage message)
    {
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

    private async Task PushStoredAsync(Guid workspaceId, Guid conversationId, long messageId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(workspaceId);
            var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
            // One query: the message and whether it has files (most live messages have none, and then
            // nothing more is read).
            var stored = await db.ConversationMessages.AsNoTracking()
                .Where(m => m.Id == messageId && m.ConversationId == conversationId)
                .Select(m => new
                {
                    Message = m,
                    HasFiles = db.MessageAttachments.Any(a => a.MessageId == m.Id),
                    Analysis = db.AnalyzedTexts.FirstOrDefault(t => t.MessageId == m.Id),
                })
                .FirstOrDefaultAsync();
            if (stored is null)
            {
                // Not in that workspace (a forged or stale notice): nothing to push.
                return;
            }

            stored.Message.Analysis = stored.Analysis;
            if (!stored.HasFiles)
            {
                stored.Message.AppendedWithoutFiles = true;
                await PushWithoutFilesAsync(stored.Message);
                return;
            }

            await PushWithFilesAsync(db, stored.Message);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ObjectDisposedException or IOException)
        {
            LogSendFailed(ex);
        }
    }

    private async Task PushConversationAsync(Guid workspaceId, Guid conversationId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(workspaceId);
            var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
            if (await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId) is { } conversation)
            {
                await hub.Clients.Group(ConversationHub.AgentsGroup(workspaceId)).SendAsync("conversation", ConversationDto.From(conversation));
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
