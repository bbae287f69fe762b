using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations.AfterChat;
using Touchpoint.Core.Data;
using Touchpoint.Core.Text.Ingest;

namespace Touchpoint.Core.Conversations;

/// <summary>
/// Appends messages to conversations: the one place that numbers them. Each message takes the
/// conversation's next sequence number in the same transaction that stores it, so numbers are
/// unique and gap-free whatever the race (the database's unique index is the last word), and a
/// client that reconnects asks for everything after the last number it has.
/// Also keeps the times analytics read: first response, each reply's response time, reopening
/// on a customer's message. Tells <see cref="IConversationFeed"/> after the commit.
/// </summary>
public sealed class ConversationLog(TouchpointDbContext db, WorkspaceScope scope, GroupCommitWriter writer, IConversationFeed feed, TimeProvider clock,
    TextIngest text)
{
    public sealed record NewMessage(MessageAuthor Author, string Body, Guid? AuthorUserId = null, bool Private = false,
        string? ClientId = null, string? EmailMessageId = null, IReadOnlyList<Guid>? AttachmentIds = null);

    /// <summary>Stores the message (or returns the one already stored with the same client id) and tells listeners.</summary>
    public Task<ConversationMessage> AppendAsync(Guid conversationId, NewMessage message, CancellationToken ct = default) =>
        AppendAsync(conversationId, message, batched: false, ct);

    /// <summary>
    /// The chat's hot path: the same as <see cref="AppendAsync(Guid, NewMessage, CancellationToken)"/>,
    /// committed together with whatever other messages and rows are waiting (group commit), so many
    /// live chats share one disk flush. Only for callers with no transaction of their own open (the
    /// shared writer would wait for it) and in a workspace; a message with files is appended directly.
    /// A conversation of another workspace, or one merged into another, refuses the message with
    /// <see cref="MessageRefusedException"/> (the check is made in the batch, under the row's lock).
    /// </summary>
    public Task<ConversationMessage> AppendBatchedAsync(Guid conversationId, NewMessage message, CancellationToken ct = default) =>
        AppendAsync(conversationId, message, batched: scope.IsSet && message.AttachmentIds is not { Count: > 0 }, ct);

    private async Task<ConversationMessage> AppendAsync(Guid conversationId, NewMessage message, bool batched, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (batched)
        {
            // The resend check happens in the batch, where it also sees resends queued at the same time.
            var workspaceId = scope.WorkspaceId;
            // A customer's words are analysed here, on the request's thread: the writer only inserts the row.
            var analyzed = await text.AnalyzeMessageAsync(workspaceId, message.Author, message.Private, message.Body, ct);
            var appended = await writer.StageAsync(batch => StageAsync(batch, workspaceId, conversationId, message, now, analyzed), Preload,
                new BatchKey(workspaceId, conversationId, message.ClientId), ct);
            if (appended.New)
            {
                feed.MessageAdded(appended.Message);
            }

            return appended.Message;
        }

        if (message.ClientId is { } clientId && await db.ConversationMessages.AsNoTracking()
                .FirstOrDefaultAsync(m => m.ConversationId == conversationId && m.ClientId == clientId, ct) is { } repeat)
        {
            return repeat;
        }

        var analysis = await AnalyzeOutsideBatchAsync(conversationId, message, ct);
        var stored = await AppendNowAsync(conversationId, message, now, analysis, ct);
        feed.MessageAdded(stored);
        return stored;
    }

    /// <summary>Before the transaction, so no lock is held while the text is read.</summary>
    private async Task<TextIngest.MessageAnalysis?> AnalyzeOutsideBatchAsync(Guid conversationId, NewMessage message, CancellationToken ct)
    {
        if (message.Author != MessageAuthor.Customer || message.Private)
        {
            return null;
        }

        var workspaceId = scope.IsSet
            ? scope.WorkspaceId
            : await db.Conversations.IgnoreQueryFilters().Where(c => c.Id == conversationId).Select(c => c.WorkspaceId).FirstOrDefaultAsync(ct);
        return await text.AnalyzeMessageAsync(workspaceId, message.Author, message.Private, message.Body, ct);
    }

    /// <summary>In its own transaction on the caller's context.</summary>
    private Task<ConversationMessage> AppendNowAsync(Guid conversationId, NewMessage message, DateTime now, TextIngest.MessageAnalysis? analysis,
        CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Taking the number first locks the conversation row (PostgreSQL) or the database (SQLite)
            // until the commit, so no other message can take the same number.
            await db.Conversations.Where(c => c.Id == conversationId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastSeq, c => c.LastSeq + 1).SetProperty(c => c.LastMessageAt, now), ct);
            var conversation = await CurrentAsync(conversationId, ct);
            var entity = NewEntity(conversation, message, now);
            await KeepTimesAsync(db, new History(db.ConversationMessages, db.ConversationAgents), conversation, entity, now, ct);
            db.ConversationMessages.Add(entity);
            if (analysis is not null)
            {
                db.AnalyzedTexts.Add(entity.Analysis = TextIngest.RowFor(entity, conversation.CustomerId, analysis));
            }

            await db.SaveChangesAsync(ct);
            await AttachAsync(conversationId, entity.Id, message.AttachmentIds, ct);
            await transaction.CommitAsync(ct);
            return entity;
        });
    }

    /// <summary>A message appended in a batch, or (<c>New</c> false) the one already stored with its client id.</summary>
    private sealed record Appended(ConversationMessage Message, bool New);

    /// <summary>What a batched message needs read before it is numbered.</summary>
    private sealed record BatchKey(Guid WorkspaceId, Guid ConversationId, string? ClientId);

    private static readonly GroupCommitWriter.StagePreload Preload = PreloadAsync;

    /// <summary>
    /// For all of a batch's messages at once: locks their conversations' rows until the commit
    /// (PostgreSQL: FOR UPDATE in id order, so two batches never wait on each other in a circle;
    /// SQLite: the writer's transaction holds the database), then reads the conversations and any
    /// message already stored with one of their client ids (a resend). Two round trips a batch.
    /// </summary>
    private static async Task PreloadAsync(TouchpointDbContext batch, IReadOnlyList<object> keys)
    {
        var wanted = keys.Cast<BatchKey>().ToList();
        var ids = wanted.Select(k => k.ConversationId).Distinct().Order().ToList();
        var conversations = batch.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true
            ? batch.Conversations.FromSql($"SELECT * FROM \"Conversations\" WHERE \"Id\" = ANY({ids.ToArray()}) ORDER BY \"Id\" FOR UPDATE")
            : batch.Conversations.Where(c => ids.Contains(c.Id));
        await conversations.IgnoreQueryFilters().LoadAsync();
        var clientIds = wanted.Where(k => k.ClientId is not null).Select(k => k.ClientId!).Distinct().ToList();
        if (clientIds.Count > 0)
        {
            await batch.ConversationMessages.IgnoreQueryFilters().Where(m => ids.Contains(m.ConversationId) && clientIds.Contains(m.ClientId!)).LoadAsync();
        }
    }

    /// <summary>
    /// In the group-commit writer's batch, after <see cref="PreloadAsync"/>: the number is taken from
    /// the conversation as the batch sees it (messages earlier in the batch included), under the
    /// row's lock, and the unique index is the last word. The writer's context acts in no workspace:
    /// the conversation must be the caller's.
    /// </summary>
    private static async Task<Appended> StageAsync(TouchpointDbContext batch, Guid workspaceId, Guid conversationId, NewMessage message,
        DateTime now, TextIngest.MessageAnalysis? analysis)
    {
        if (message.ClientId is { } clientId
            && batch.ConversationMessages.Local.FirstOrDefault(m => m.ConversationId == conversationId && m.ClientId == clientId) is { } resent)
        {
            return new Appended(resent, New: false);
        }

        var conversation = batch.Conversations.Local.FirstOrDefault(c => c.Id == conversationId && c.WorkspaceId == workspaceId)
            ?? throw new MessageRefusedException(MessageRefusedException.Reason.NotFound, "No such conversation in your workspace.");
        if (conversation.MergedIntoId is not null)
        {
            throw new MessageRefusedException(MessageRefusedException.Reason.Merged, "This conversation was merged into another one: continue there.");
        }

        conversation.LastSeq++;
        conversation.LastMessageAt = now;
        var entity = NewEntity(conversation, message, now);
        var history = new History(batch.ConversationMessages.IgnoreQueryFilters().Where(m => m.WorkspaceId == workspaceId),
            batch.ConversationAgents.IgnoreQueryFilters().Where(a => a.WorkspaceId == workspaceId));
        await KeepTimesAsync(batch, history, conversation, entity, now, default);
        batch.ConversationMessages.Add(entity);
        if (analysis is not null)
        {
            batch.AnalyzedTexts.Add(entity.Analysis = TextIngest.RowFor(entity, conversation.CustomerId, analysis));
        }

        return new Appended(entity, New: true);
    }

    private static ConversationMessage NewEntity(Conversation conversation, NewMessage message, DateTime now) => new()
    {
        WorkspaceId = conversation.WorkspaceId,
        ConversationId = conversation.Id,
        Seq = conversation.LastSeq,
        Author = message.Author,
        AuthorUserId = message.AuthorUserId,
        Body = message.Body,
        Private = message.Private,
        ClientId = message.ClientId,
        EmailMessageId = message.EmailMessageId,
        CreatedAt = now,
        AppendedWithoutFiles = message.AttachmentIds is not { Count: > 0 } && message.EmailMessageId is null,
    };

    /// <summary>
    /// The conversation as the number update left it. A copy the caller's context already tracks is
    /// reloaded: read as is, it would hand out its old number (save your own changes first).
    /// </summary>
    private async Task<Conversation> CurrentAsync(Guid conversationId, CancellationToken ct)
    {
        if (db.ChangeTracker.Entries<Conversation>().FirstOrDefault(e => e.Entity.Id == conversationId) is { } tracked)
        {
            await tracked.ReloadAsync(ct);
            return tracked.Entity;
        }

        return await db.Conversations.FirstAsync(c => c.Id == conversationId, ct);
    }

    /// <summary>Where earlier messages and agents are read from: the caller's workspace, committed rows.</summary>
    private sealed record History(IQueryable<ConversationMessage> Messages, IQueryable<ConversationAgent> Agents);

    /// <summary>
    /// Response times, reopening and "agents involved", set in the message's transaction. Reads the
    /// stored history and what the context holds unsaved (a batch's earlier messages).
    /// </summary>
    private static async Task KeepTimesAsync(TouchpointDbContext context, History history, Conversation conversation, ConversationMessage message,
        DateTime now, CancellationToken ct)
    {
        if (message.Private || message.Author == MessageAuthor.System)
        {
            return;
        }

        if (message.Author == MessageAuthor.Customer)
        {
            if (conversation.Status is ConversationStatus.Resolved or ConversationStatus.Snoozed or ConversationStatus.Pending)
            {
                conversation.Status = ConversationStatus.Open;
                conversation.SnoozedUntil = null;
                conversation.Version = Guid.NewGuid();
            }

            return;
        }

        var unsaved = context.ConversationMessages.Local.Where(m => m.ConversationId == conversation.Id && m.Id == 0).ToList();
        // An agent's reply answers every customer message since the previous public agent reply.
        var lastAgentSeq = Math.Max(await history.Messages.Where(m => m.ConversationId == conversation.Id && !m.Private
                && m.Author == MessageAuthor.Agent).MaxAsync(m => (long?)m.Seq, ct) ?? 0,
            unsaved.Where(m => !m.Private && m.Author == MessageAuthor.Agent).Select(m => m.Seq).DefaultIfEmpty(0).Max());
        var waitingSince = Earliest(await history.Messages.Where(m => m.ConversationId == conversation.Id
                && m.Author == MessageAuthor.Customer && m.Seq > lastAgentSeq).MinAsync(m => (DateTime?)m.CreatedAt, ct),
            unsaved.Where(m => m.Author == MessageAuthor.Customer && m.Seq > lastAgentSeq));
        if (waitingSince is { } since)
        {
            message.ResponseSeconds = Seconds(since, now);
        }

        if (conversation.FirstResponseAt is null)
        {
            conversation.FirstResponseAt = now;
            var firstCustomer = Earliest(await history.Messages.Where(m => m.ConversationId == conversation.Id && m.Author == MessageAuthor.Customer)
                .MinAsync(m => (DateTime?)m.CreatedAt, ct), unsaved.Where(m => m.Author == MessageAuthor.Customer)) ?? conversation.CreatedAt;
            conversation.FirstResponseSeconds = Seconds(firstCustomer, now);
        }

        if (message.AuthorUserId is { } agent
            && !context.ConversationAgents.Local.Any(a => a.ConversationId == conversation.Id && a.UserId == agent)
            && !await history.Agents.AnyAsync(a => a.ConversationId == conversation.Id && a.UserId == agent, ct))
        {
            context.ConversationAgents.Add(new ConversationAgent
            {
                WorkspaceId = conversation.WorkspaceId,
                ConversationId = conversation.Id,
                UserId = agent,
                JoinedAt = now,
            });
        }
    }

    private static DateTime? Earliest(DateTime? stored, IEnumerable<ConversationMessage> unsaved)
    {
        var local = unsaved.Select(m => (DateTime?)m.CreatedAt).Min();
        return stored is null ? local : local is null ? stored : stored < local ? stored : local;
    }

    /// <summary>Links uploads to the message in its transaction: each must be this conversation's and not yet sent.</summary>
    private async Task AttachAsync(Guid conversationId, long messageId, IReadOnlyList<Guid>? attachmentIds, CancellationToken ct)
    {
        if (attachmentIds is not { Count: > 0 })
        {
            return;
        }

        var ids = attachmentIds.Distinct().ToList();
        var linked = await db.MessageAttachments.Where(a => ids.Contains(a.Id) && a.ConversationId == conversationId && a.MessageId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.MessageId, messageId), ct);
        if (linked != ids.Count)
        {
            throw new AttachmentNotSendableException();
        }
    }

    private static int Seconds(DateTime from, DateTime to) => (int)Math.Max(0, Math.Round((to - from).TotalSeconds));

    /// <summary>Messages after a sequence number, in order: what a reconnecting client missed.</summary>
    public Task<List<ConversationMessage>> AfterAsync(Guid conversationId, long afterSeq, bool includePrivate, int take = 500,
        CancellationToken ct = default) =>
        db.ConversationMessages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Seq > afterSeq && (includePrivate || !m.Private))
            .OrderBy(m => m.Seq).Take(take).ToListAsync(ct);
}
