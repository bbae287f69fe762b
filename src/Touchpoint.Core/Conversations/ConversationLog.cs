using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations.AfterChat;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Conversations;

/// <summary>
/// Appends messages to conversations: the one place that numbers them. Each message takes the
/// conversation's next sequence number in the same transaction that stores it, so numbers are
/// unique and gap-free whatever the race (the database's unique index is the last word), and a
/// client that reconnects asks for everything after the last number it has.
/// Also keeps the times analytics read: first response, each reply's response time, reopening
/// on a customer's message. Tells <see cref="IConversationFeed"/> after the commit.
/// </summary>
public sealed class ConversationLog(TouchpointDbContext db, IConversationFeed feed, TimeProvider clock)
{
    public sealed record NewMessage(MessageAuthor Author, string Body, Guid? AuthorUserId = null, bool Private = false,
        string? ClientId = null, string? EmailMessageId = null, IReadOnlyList<Guid>? AttachmentIds = null);

    /// <summary>Stores the message (or returns the one already stored with the same client id) and tells listeners.</summary>
    public async Task<ConversationMessage> AppendAsync(Guid conversationId, NewMessage message, CancellationToken ct = default)
    {
        if (message.ClientId is { } clientId && await db.ConversationMessages.AsNoTracking()
                .FirstOrDefaultAsync(m => m.ConversationId == conversationId && m.ClientId == clientId, ct) is { } repeat)
        {
            return repeat;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        ConversationMessage stored;
        var strategy = db.Database.CreateExecutionStrategy();
        stored = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Taking the number first locks the conversation row (PostgreSQL) or the database (SQLite)
            // until the commit, so no other message can take the same number.
            await db.Conversations.Where(c => c.Id == conversationId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastSeq, c => c.LastSeq + 1).SetProperty(c => c.LastMessageAt, now), ct);
            var conversation = await CurrentAsync(conversationId, ct);
            var entity = new ConversationMessage
            {
                WorkspaceId = conversation.WorkspaceId,
                ConversationId = conversationId,
                Seq = conversation.LastSeq,
                Author = message.Author,
                AuthorUserId = message.AuthorUserId,
                Body = message.Body,
                Private = message.Private,
                ClientId = message.ClientId,
                EmailMessageId = message.EmailMessageId,
                CreatedAt = now,
            };
            await KeepTimesAsync(conversation, entity, now, ct);
            db.ConversationMessages.Add(entity);
            await db.SaveChangesAsync(ct);
            await AttachAsync(conversationId, entity.Id, message.AttachmentIds, ct);
            await transaction.CommitAsync(ct);
            return entity;
        });

        feed.MessageAdded(stored);
        return stored;
    }

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

    /// <summary>Response times, reopening and "agents involved", set in the message's transaction.</summary>
    private async Task KeepTimesAsync(Conversation conversation, ConversationMessage message, DateTime now, CancellationToken ct)
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

        // An agent's reply answers every customer message since the previous public agent reply.
        var lastAgentSeq = await db.ConversationMessages.Where(m => m.ConversationId == conversation.Id && !m.Private
                && m.Author == MessageAuthor.Agent).MaxAsync(m => (long?)m.Seq, ct) ?? 0;
        var waitingSince = await db.ConversationMessages.Where(m => m.ConversationId == conversation.Id
                && m.Author == MessageAuthor.Customer && m.Seq > lastAgentSeq).MinAsync(m => (DateTime?)m.CreatedAt, ct);
        if (waitingSince is { } since)
        {
            message.ResponseSeconds = Seconds(since, now);
        }

        if (conversation.FirstResponseAt is null)
        {
            conversation.FirstResponseAt = now;
            var firstCustomer = await db.ConversationMessages.Where(m => m.ConversationId == conversation.Id && m.Author == MessageAuthor.Customer)
                .MinAsync(m => (DateTime?)m.CreatedAt, ct) ?? conversation.CreatedAt;
            conversation.FirstResponseSeconds = Seconds(firstCustomer, now);
        }

        if (message.AuthorUserId is { } agent
            && !await db.ConversationAgents.AnyAsync(a => a.ConversationId == conversation.Id && a.UserId == agent, ct))
        {
            db.ConversationAgents.Add(new ConversationAgent
            {
                WorkspaceId = conversation.WorkspaceId,
                ConversationId = conversation.Id,
                UserId = agent,
                JoinedAt = now,
            });
        }
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
