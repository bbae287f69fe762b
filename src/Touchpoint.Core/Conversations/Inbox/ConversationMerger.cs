using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Conversations;

/// <summary>
/// Merges a duplicate conversation into another of the same customer: the duplicate's messages are
/// appended to the target in their order, keeping authors and notes, after a "Merged from" note; the
/// duplicate is then resolved and points at the target.
/// </summary>
public sealed class ConversationMerger(TouchpointDbContext db, ConversationLog log, IConversationFeed feed, TimeProvider clock)
{
    public enum Outcome
    {
        Merged,
        NotFound,
        Conflict,
    }

    public sealed record Result(Outcome Outcome, string? Reason = null, Conversation? Target = null);

    public async Task<Result> MergeAsync(Guid sourceId, Guid targetId, string actorName, CancellationToken ct = default)
    {
        db.ChangeTracker.Clear();
        var source = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == sourceId, ct);
        var target = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == targetId, ct);
        if (source is null || target is null)
        {
            return new Result(Outcome.NotFound, source is null ? "id" : "into");
        }

        if (source.Id == target.Id)
        {
            return new Result(Outcome.Conflict, "A conversation cannot be merged into itself.");
        }

        if (source.MergedIntoId is not null || target.MergedIntoId is not null)
        {
            return new Result(Outcome.Conflict, "One of these conversations was already merged; merge into the conversation it was merged into.");
        }

        if (source.CustomerId is { } a && target.CustomerId is { } b && a != b)
        {
            return new Result(Outcome.Conflict, "These conversations belong to different customers; only duplicates of one customer (or an anonymous one) merge.");
        }

        var messages = await log.AfterAsync(source.Id, 0, includePrivate: true, take: int.MaxValue, ct);
        await log.AppendAsync(target.Id, new ConversationLog.NewMessage(MessageAuthor.System,
            $"{actorName} merged conversation {source.Id} ({messages.Count} messages) into this one", ClientId: $"merge:{source.Id:N}"), ct);
        foreach (var message in messages)
        {
            // The log re-reads the conversation for each number; a copy tracked from the previous append would be stale.
            db.ChangeTracker.Clear();
            // The client id makes a retried merge append each message once.
            await log.AppendAsync(target.Id, new ConversationLog.NewMessage(message.Author, message.Body, message.AuthorUserId, message.Private,
                $"merge:{source.Id:N}:{message.Seq}"), ct);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.ChangeTracker.Clear();
        var merged = await db.Conversations.FirstAsync(c => c.Id == source.Id, ct);
        merged.MergedIntoId = target.Id;
        ConversationChanges.SetStatus(merged, ConversationStatus.Resolved, null, now);
        merged.Version = Guid.NewGuid();
        var into = await db.Conversations.FirstAsync(c => c.Id == target.Id, ct);
        into.CustomerId ??= merged.CustomerId;
        into.ContactEmail ??= merged.ContactEmail;
        into.ContactName ??= merged.ContactName;
        into.Version = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await log.AppendAsync(source.Id, new ConversationLog.NewMessage(MessageAuthor.System, $"{actorName} merged this into conversation {target.Id}",
            ClientId: $"merged-into:{target.Id:N}"), ct);
        var after = await db.Conversations.AsNoTracking().FirstAsync(c => c.Id == target.Id, ct);
        feed.ConversationChanged(await db.Conversations.AsNoTracking().FirstAsync(c => c.Id == source.Id, ct));
        feed.ConversationChanged(after);
        return new Result(Outcome.Merged, Target: after);
    }
}
