using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Conversations.AfterChat;
using Touchpoint.Core.Data;
using Touchpoint.Web.Conversations.Attachments;
using Touchpoint.Web.Conversations.Chat;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Conversations;

/// <summary>
/// The real-time side of conversations at <c>/hubs/conversations</c>: widgets (visitors, by their
/// conversation's visitor token) and agents (signed-in members) connect here. Clients receive
/// <c>message</c> (<see cref="MessageDto"/>), <c>conversation</c> (<see cref="ConversationDto"/>, agents
/// only), <c>typing</c> and <c>read</c>; a client that reconnects asks <see cref="Since"/> for the
/// messages after the last sequence number it has. Group names: <see cref="ConversationGroup"/> for a
/// conversation's visitor, <see cref="AgentsGroup"/> for a workspace's agents.
/// Each call runs in its own service scope, which enters the caller's workspace first, so an agent can
/// only ever reach conversations of their own workspace.
/// </summary>
internal sealed partial class ConversationHub(TouchpointDbContext db, WorkspaceScope scope, ConversationLog log, IConversationFeed feed,
    TimeProvider clock) : Hub
{
    public const string Path = "/hubs/conversations";
    /// <summary>Largest frame a client may send; a bigger one closes the connection (a message is at most 5,000 characters).</summary>
    public const long MaximumReceiveMessageSize = 64 * 1024;

    public static string ConversationGroup(Guid conversationId) => $"conversation:{conversationId}";

    public static string AgentsGroup(Guid workspaceId) => $"agents:{workspaceId}";

    public override async Task OnConnectedAsync()
    {
        var http = Context.GetHttpContext();
        var query = http?.Request.Query;
        if (query is not null && (query.ContainsKey("conversation") || query.ContainsKey("visitor")))
        {
            var conversation = Guid.TryParse(query["conversation"], out var id)
                ? await db.Conversations.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == id)
                    .Select(c => new { c.WorkspaceId, c.VisitorTokenHash, c.AgentReadSeq }).FirstOrDefaultAsync(Context.ConnectionAborted)
                : null;
            if (conversation is null || !VisitorTokens.Matches(query["visitor"], conversation.VisitorTokenHash))
            {
                throw new HubException("This visitor token does not open that conversation: start a new conversation.");
            }

            HubCaller.Visitor(conversation.WorkspaceId, id).Keep(Context.Items);
            await Groups.AddToGroupAsync(Context.ConnectionId, ConversationGroup(id), Context.ConnectionAborted);
            if (conversation.AgentReadSeq > 0)
            {
                // A reloaded widget shows "Seen" again without waiting for the agent's next read.
                await Clients.Caller.SendAsync("read", new ReadNotice(id, "agent", conversation.AgentReadSeq), Context.ConnectionAborted);
            }

            return;
        }

        // The member cookie counts only from the app's own pages: another site cannot ride a signed-in
        // agent's cookie over a WebSocket (browsers do not apply CORS to WebSockets).
        if (Context.User?.WorkspaceId() is { } workspaceId && Context.User.UserId() is { } userId && http is not null && SameOrigin(http))
        {
            HubCaller.Agent(workspaceId, userId).Keep(Context.Items);
            await Groups.AddToGroupAsync(Context.ConnectionId, AgentsGroup(workspaceId), Context.ConnectionAborted);
            return;
        }

        throw new HubException("Sign in as a member of the workspace, or connect from the chat widget with ?conversation=&visitor=.");
    }

    /// <summary>Most files one message may carry.</summary>
    public const int MaxFilesPerMessage = 10;

    /// <summary>Sends a message; the answer is the stored message (the same one again for a resend with the same client id).</summary>
    public Task<MessageDto> Send(Guid conversationId, string? clientId, string? body) => SendAsync(conversationId, clientId, body, null);

    /// <summary>
    /// Sends a message with files uploaded beforehand (to this conversation, not yet sent); the text may
    /// be empty when files are attached. A resend with the same client id answers the stored message.
    /// </summary>
    public Task<MessageDto> SendWithFiles(Guid conversationId, string? clientId, string? body, IReadOnlyList<Guid>? attachmentIds) =>
        SendAsync(conversationId, clientId, body, attachmentIds ?? []);

    private async Task<MessageDto> SendAsync(Guid conversationId, string? clientId, string? body, IReadOnlyList<Guid>? attachmentIds)
    {
        var caller = Enter();
        var ct = Context.ConnectionAborted;
        // A message with files is checked here, against its conversation; one without is checked by
        // the log in its batch (the hot path of live chat reads the conversation once, not twice).
        if (attachmentIds is { Count: > 0 } && (await FindAsync(caller, conversationId)).MergedIntoId is not null)
        {
            throw new HubException("This conversation was merged into another one: continue there.");
        }

        if (caller.ConversationId is { } own && own != conversationId)
        {
            throw new HubException("A visitor may only use their own conversation.");
        }

        if (string.IsNullOrWhiteSpace(clientId) || clientId.Length > 60)
        {
            throw new HubException("Send a client id (1-60 characters, e.g. a UUID) so a resend is not stored twice.");
        }

        // Client ids are the sender's own: a visitor cannot replay an agent's id to read their message.
        var key = (caller.IsAgent ? "a:" : "c:") + clientId;
        var files = attachmentIds?.Distinct().ToList() ?? [];
        if (files.Count > 0 && await db.ConversationMessages.AsNoTracking()
                .FirstOrDefaultAsync(m => m.ConversationId == conversationId && m.ClientId == key, ct) is { } repeat)
        {
            return await DtoAsync(caller, repeat);
        }

        var text = body?.Trim() ?? "";
        if (files.Count > MaxFilesPerMessage)
        {
            throw new HubException($"A message may carry at most {MaxFilesPerMessage} files; send the rest in another message.");
        }

        if (attachmentIds is not null && files.Count == 0 && text.Length == 0)
        {
            throw new HubException("A message needs some text or at least one file.");
        }

        if (text.Length == 0 && files.Count == 0)
        {
            throw new HubException("A message needs some text.");
        }

        if (text.Length > ConversationLimits.MaxMessageLength)
        {
            throw new HubException($"A message may have at most {ConversationLimits.MaxMessageLength} characters; split it up.");
        }

        if (files.Count > 0)
        {
            var names = await db.MessageAttachments.Where(a => files.Contains(a.Id) && a.ConversationId == conversationId && a.MessageId == null)
                .OrderBy(a => a.CreatedAt).Select(a => a.FileName).ToListAsync(ct);
            if (names.Count != files.Count)
            {
                throw new HubException("Each file must be uploaded to this conversation first and sent only once: upload it again.");
            }

            // The text transcripts, emails and previews show when only files were sent.
            if (text.Length == 0)
            {
                text = "📎 " + string.Join(", ", names);
            }
        }

        if (!caller.Sends.TryTake(clock.GetUtcNow(), ConversationLimits.MessagesPerMinute))
        {
            throw new HubException("Too many messages; wait a moment.");
        }

        ConversationMessage message;
        try
        {
            // Live chat is the hot path: its messages share commits (group commit); a message with files is appended directly.
            message = await log.AppendBatchedAsync(conversationId, new ConversationLog.NewMessage(
                caller.IsAgent ? MessageAuthor.Agent : MessageAuthor.Customer, text, caller.UserId, ClientId: key,
                AttachmentIds: files.Count > 0 ? files : null));
        }
        catch (MessageRefusedException refused)
        {
            throw new HubException(refused.Message);
        }
        catch (AttachmentNotSendableException)
        {
            // Another send took the same file a moment earlier; nothing of this message was stored.
            throw new HubException("Each file must be uploaded to this conversation first and sent only once: upload it again.");
        }

        return await DtoAsync(caller, message);
    }

    /// <summary>Messages after <paramref name="afterSeq"/>, in order (at most 500: ask again from the last one); visitors never get notes.</summary>
    public async Task<IReadOnlyList<MessageDto>> Since(Guid conversationId, long afterSeq)
    {
        var caller = Enter();
        await FindAsync(caller, conversationId);
        var messages = await log.AfterAsync(conversationId, afterSeq, includePrivate: caller.IsAgent, ct: Context.ConnectionAborted);
        return await DtosAsync(caller, messages);
    }

    private async Task<MessageDto> DtoAsync(HubCaller caller, ConversationMessage message) => (await DtosAsync(caller, [message]))[0];

    /// <summary>Messages with their files' URLs for the caller: agents the members' download, a visitor the widget's.</summary>
    private async Task<List<MessageDto>> DtosAsync(HubCaller caller, IReadOnlyCollection<ConversationMessage> messages)
    {
        var ct = Context.ConnectionAborted;
        if (caller.ConversationId is not { } own)
        {
            return await MessageFiles.DtosAsync(db, messages, FileAudience.Agents, ct);
        }

        var dtos = await MessageFiles.DtosAsync(db, messages, FileAudience.Visitor(""), ct);
        if (!dtos.Exists(d => d.Attachments is { Count: > 0 }))
        {
            return dtos;
        }

        var visitor = await FileAudience.VisitorOfAsync(db, own, ct);
        return dtos.ConvertAll(d => MessageFiles.For(d, visitor));
    }

    /// <summary>Tells the other side someone is typing; at most one relay per second per connection.</summary>
    public async Task Typing(Guid conversationId)
    {
        var caller = Enter();
        var now = clock.GetUtcNow();
        if (now - caller.LastTyping < TimeSpan.FromSeconds(1))
        {
            return;
        }

        caller.LastTyping = now;
        var conversation = await FindAsync(caller, conversationId);
        var notice = new TypingNotice(conversationId, caller.Author);
        await OtherSide(caller, conversation).SendAsync("typing", notice, Context.ConnectionAborted);
    }

    /// <summary>Marks messages up to <paramref name="seq"/> as read by the caller's side (never backwards); answers the side's read mark.</summary>
    public async Task<long> Read(Guid conversationId, long seq)
    {
        var caller = Enter();
        await FindAsync(caller, conversationId);
        var ct = Context.ConnectionAborted;
        var changed = caller.IsAgent
            ? await db.Conversations.Where(c => c.Id == conversationId && c.AgentReadSeq < seq && c.AgentReadSeq < c.LastSeq)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.AgentReadSeq, c => seq < c.LastSeq ? seq : c.LastSeq), ct)
            : await db.Conversations.Where(c => c.Id == conversationId && c.CustomerReadSeq < seq && c.CustomerReadSeq < c.LastSeq)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerReadSeq, c => seq < c.LastSeq ? seq : c.LastSeq), ct);
        var conversation = await db.Conversations.AsNoTracking().FirstAsync(c => c.Id == conversationId, ct);
        var mark = caller.IsAgent ? conversation.AgentReadSeq : conversation.CustomerReadSeq;
        if (changed > 0)
        {
            await OtherSide(caller, conversation).SendAsync("read", new ReadNotice(conversationId, caller.Author, mark), ct);
            feed.ConversationChanged(conversation);
        }

        return mark;
    }

    private HubCaller Enter()
    {
        var caller = HubCaller.Of(Context.Items) ?? throw new HubException("This connection is not signed in.");
        scope.Enter(caller.WorkspaceId);
        return caller;
    }

    private async Task<Conversation> FindAsync(HubCaller caller, Guid conversationId)
    {
        if (caller.ConversationId is { } own && own != conversationId)
        {
            throw new HubException("A visitor may only use their own conversation.");
        }

        return await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, Context.ConnectionAborted)
            ?? throw new HubException("No such conversation in your workspace.");
    }

    /// <summary>A visitor's notices go to the workspace's agents; an agent's to the conversation's visitor.</summary>
    private IClientProxy OtherSide(HubCaller caller, Conversation conversation) => caller.IsAgent
        ? Clients.Group(ConversationGroup(conversation.Id))
        : Clients.Group(AgentsGroup(conversation.WorkspaceId));

    private static bool SameOrigin(HttpContext http)
    {
        var origin = http.Request.Headers.Origin.ToString();
        return string.IsNullOrEmpty(origin)
            || (Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                && string.Equals(uri.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    private sealed record TypingNotice(Guid ConversationId, string Author);

    private sealed record ReadNotice(Guid ConversationId, string Author, long Seq);
}
