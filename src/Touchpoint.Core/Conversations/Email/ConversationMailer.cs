using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Touchpoint.Core.Conversations.Email.Mime;
using Touchpoint.Core.Data;
using Touchpoint.Core.Email;
using Touchpoint.Core.Journeys;

namespace Touchpoint.Core.Conversations.Email;

/// <summary>
/// Sends an agent's reply in an email conversation to the customer through the outbox: From the
/// inbox (display name = inbox name), Reply-To the conversation's reply address, a Message-ID stored
/// on the message, In-Reply-To and References of the thread so mail clients keep it together, and the
/// files sent with the reply attached.
/// Runs right after the message is committed, in its own transaction: the message's Message-ID and
/// the outbox row are written together, and a message that already has one is never sent again.
/// </summary>
public sealed class ConversationMailer(TouchpointDbContext db, Outbox outbox, IOptions<SmtpOptions> smtp)
{
    /// <summary>References kept in a reply: enough for any client to thread, short enough for any server.</summary>
    private const int MaxReferences = 20;

    /// <summary>Only public agent messages go out by email.</summary>
    public static bool MaySend(ConversationMessage message) =>
        message is { Author: MessageAuthor.Agent, Private: false, EmailMessageId: null };

    /// <returns>Whether an email was queued.</returns>
    public async Task<bool> SendAsync(long messageId, CancellationToken ct = default)
    {
        var message = await db.ConversationMessages.FirstOrDefaultAsync(m => m.Id == messageId, ct);
        if (message is null || !MaySend(message))
        {
            return false;
        }

        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == message.ConversationId, ct);
        if (conversation is not { Channel: Channel.Email, ContactEmail: { Length: > 0 } to })
        {
            return false;
        }

        var inbox = await db.Inboxes.AsNoTracking().FirstAsync(i => i.Id == conversation.InboxId, ct);
        // An inbox without its own address replies from the configured sender address.
        var inboxAddress = inbox.EmailAddress ?? (MailboxAddress.ParseList(smtp.Value.From) is [var configured, ..] ? configured.Address : null);
        var thread = await db.ConversationMessages.AsNoTracking()
            .Where(m => m.ConversationId == conversation.Id && m.Seq < message.Seq && m.EmailMessageId != null && !m.Private)
            .OrderByDescending(m => m.Seq).Take(MaxReferences).Select(m => new { m.EmailMessageId, m.Author }).ToListAsync(ct);
        var emailId = string.Create(CultureInfo.InvariantCulture, $"tp.{message.Id}.{ReplyAddress.NewToken()[..8]}@{ReplyAddress.Domain(inboxAddress)}");
        var headers = new Dictionary<string, string> { ["Message-ID"] = $"<{emailId}>" };
        if (inboxAddress is not null)
        {
            headers["From"] = $"\"{inbox.Name.Replace("\"", "", StringComparison.Ordinal)}\" <{inboxAddress}>";
            if (ReplyAddress.For(inboxAddress, conversation.ReplyToken) is { } replyTo)
            {
                headers["Reply-To"] = replyTo;
            }
        }

        if (thread.Count > 0)
        {
            var answered = thread.FirstOrDefault(m => m.Author == MessageAuthor.Customer) ?? thread[0];
            headers["In-Reply-To"] = $"<{answered.EmailMessageId}>";
            headers["References"] = string.Join(' ', thread.Select(m => $"<{m.EmailMessageId}>").Reverse());
        }

        // Files sent with the reply go with the email; the outbox reads their bytes when it sends.
        var files = await db.MessageAttachments.AsNoTracking().Where(a => a.MessageId == message.Id).Select(a => a.Id).ToListAsync(ct);

        // One transaction: the message's Message-ID and the outbox row exist together or not at all, and
        // the conditional update lets only one sender (the live path or the catch-up sweep) claim the message.
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.ConversationMessages.Where(m => m.Id == messageId && m.EmailMessageId == null)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.EmailMessageId, emailId), ct);
            if (claimed == 0)
            {
                return false;
            }

            outbox.Enqueue(new EmailMessage(to, Subject(conversation, inbox), message.Body, Headers: headers), conversation.WorkspaceId,
                conversation.CustomerId, files);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        });
    }

    /// <summary>
    /// Public agent replies in email conversations that were never queued (the process stopped between
    /// the message's commit and its email), older than <paramref name="olderThan"/> so the live path
    /// has had its turn. Across workspaces: the catch-up runs outside any request.
    /// </summary>
    public async Task<List<(long Id, Guid WorkspaceId)>> UnsentAsync(DateTime olderThan, int take, CancellationToken ct = default)
    {
        var rows = await db.ConversationMessages.IgnoreQueryFilters()
            .Where(m => m.Author == MessageAuthor.Agent && !m.Private && m.EmailMessageId == null && m.CreatedAt < olderThan
                && db.Conversations.IgnoreQueryFilters().Any(c => c.Id == m.ConversationId && c.Channel == Channel.Email && c.ContactEmail != null))
            .OrderBy(m => m.Id).Take(take).Select(m => new { m.Id, m.WorkspaceId }).ToListAsync(ct);
        return rows.ConvertAll(r => (r.Id, r.WorkspaceId));
    }

    private static string Subject(Conversation conversation, Inbox inbox)
    {
        var subject = string.IsNullOrWhiteSpace(conversation.Subject) ? $"Your message to {inbox.Name}" : conversation.Subject.Trim();
        return subject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? subject : "Re: " + subject;
    }
}
