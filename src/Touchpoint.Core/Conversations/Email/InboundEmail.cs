using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations.Email.Mime;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;

namespace Touchpoint.Core.Conversations.Email;

/// <summary>
/// Turns one raw inbound email into a customer message. Threading, in order: the reply token in a
/// recipient address (support+TOKEN@...), then In-Reply-To and References matching a message we
/// stored or sent, else a new conversation in the email inbox the mail was addressed to. The sender
/// becomes (or is matched to) a customer profile; the quoted part of a reply is cut; files within the
/// limits are kept, others are named in a note. A message delivered twice is stored once.
/// </summary>
public sealed class InboundEmail(TouchpointDbContext db, ConversationLog log, ConversationAssigner assigner, IConversationFeed feed, TimeProvider clock)
{
    public enum Outcome
    {
        Stored,
        Duplicate,
        NoSender,
        NoInbox,
    }

    public sealed record Result(Outcome Outcome, Guid ConversationId = default, long MessageId = 0, bool NewConversation = false,
        int AttachmentsKept = 0, IReadOnlyList<string>? Dropped = null);

    public async Task<Result> ReceiveAsync(byte[] raw, CancellationToken ct = default)
    {
        var message = MimeMessage.Parse(raw);
        if (message.From is not { } from)
        {
            return new Result(Outcome.NoSender);
        }

        // Without a Message-ID, the bytes themselves identify a re-delivery.
        var emailId = message.MessageId ?? $"sha256-{Convert.ToHexStringLower(SHA256.HashData(raw))[..40]}@touchpoint.invalid";
        if (emailId.Length > 998)
        {
            emailId = emailId[..998];
        }

        if (await StoredAsync(emailId, ct) is { } seen)
        {
            return new Result(Outcome.Duplicate, seen.ConversationId, seen.Id);
        }

        var conversation = await ThreadAsync(message, ct);
        var created = false;
        if (conversation is null)
        {
            var inbox = await InboxForAsync(message, ct);
            if (inbox is null)
            {
                return new Result(Outcome.NoInbox);
            }

            (conversation, created) = await OpenAsync(inbox, message, from, emailId, ct);
            if (!created && await StoredAsync(emailId, ct) is { } raced)
            {
                return new Result(Outcome.Duplicate, raced.ConversationId, raced.Id);
            }
        }

        var dropped = new List<string>();
        var (body, author, isPrivate) = Body(message, from, dropped);
        // The log numbers messages from the conversation row it reads; a copy tracked here would be stale.
        db.ChangeTracker.Clear();
        ConversationMessage stored;
        try
        {
            stored = await log.AppendAsync(conversation.Id, new ConversationLog.NewMessage(author, body, Private: isPrivate,
                ClientId: "email:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(emailId)))[..40], EmailMessageId: emailId), ct);
        }
        catch (DbUpdateException)
        {
            // The same message delivered twice at once: the other delivery stored it (the unique client id decided).
            var raced = await StoredAsync(emailId, ct);
            if (raced is null)
            {
                throw;
            }

            return new Result(Outcome.Duplicate, raced.ConversationId, raced.Id);
        }

        var kept = await KeepAttachmentsAsync(conversation, stored, message, dropped, ct);
        if (dropped.Count > 0)
        {
            db.ChangeTracker.Clear();
            await log.AppendAsync(conversation.Id, new ConversationLog.NewMessage(MessageAuthor.System,
                "Not kept from this email: " + string.Join("; ", dropped) + ".", Private: true), ct);
        }

        if (created)
        {
            // A new email conversation is routed like a new chat: by the inbox's rule, and agents are told.
            db.ChangeTracker.Clear();
            if (await assigner.AssignAsync(conversation.Id, ct) is null)
            {
                feed.ConversationChanged(await db.Conversations.AsNoTracking().FirstAsync(c => c.Id == conversation.Id, ct));
            }
        }

        return new Result(Outcome.Stored, conversation.Id, stored.Id, created, kept, dropped);
    }

    private async Task<ConversationMessage?> StoredAsync(string emailId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.ConversationMessages.AsNoTracking().Where(m => m.EmailMessageId == emailId).OrderBy(m => m.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>The conversation this mail answers, by reply token first, then by the message ids it refers to.</summary>
    private async Task<Conversation?> ThreadAsync(MimeMessage message, CancellationToken ct)
    {
        Conversation? found = null;
        foreach (var token in message.Recipients.Select(r => ReplyAddress.TokenIn(r.Address)).OfType<string>().Distinct())
        {
            var lower = token.ToLowerInvariant();
            found = await db.Conversations.FirstOrDefaultAsync(c => c.ReplyToken == token || c.ReplyToken == lower, ct);
            if (found is not null)
            {
                break;
            }
        }

        if (found is null)
        {
            var ids = message.References.Append(message.InReplyTo).OfType<string>().Distinct().Take(50).ToList();
            if (ids.Count > 0)
            {
                var conversationId = await db.ConversationMessages.AsNoTracking().Where(m => m.EmailMessageId != null && ids.Contains(m.EmailMessageId))
                    .OrderByDescending(m => m.Id).Select(m => (Guid?)m.ConversationId).FirstOrDefaultAsync(ct);
                found = conversationId is { } id ? await db.Conversations.FirstOrDefaultAsync(c => c.Id == id, ct) : null;
            }
        }

        // A merged conversation lives on in the one it was merged into.
        for (var hops = 0; found?.MergedIntoId is { } target && hops < 10; hops++)
        {
            found = await db.Conversations.FirstOrDefaultAsync(c => c.Id == target, ct) ?? found;
        }

        return found;
    }

    /// <summary>The email inbox whose address the mail was sent to, else the workspace's first email inbox.</summary>
    private async Task<Inbox?> InboxForAsync(MimeMessage message, CancellationToken ct)
    {
        var inboxes = await db.Inboxes.Where(i => i.Kind == InboxKind.Email).OrderBy(i => i.CreatedAt).ToListAsync(ct);
        var recipients = message.Recipients.Select(r => ReplyAddress.Base(r.Address)).ToHashSet();
        return inboxes.FirstOrDefault(i => i.EmailAddress is { } address && recipients.Contains(ReplyAddress.Base(address)))
            ?? inboxes.FirstOrDefault();
    }

    /// <summary>
    /// A new conversation whose reply token is derived from the first message's id, so the same message
    /// delivered twice at once (to any node) opens one conversation: the unique token decides, and the
    /// loser carries on in the winner's conversation. The token reveals nothing the Message-ID does not:
    /// whoever knows that id can already thread by In-Reply-To.
    /// </summary>
    private async Task<(Conversation Conversation, bool Created)> OpenAsync(Inbox inbox, MimeMessage message, MailboxAddress from, string emailId,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var token = ReplyAddress.TokenFor($"{inbox.WorkspaceId:N}:{emailId}");
        var conversation = new Conversation
        {
            WorkspaceId = inbox.WorkspaceId,
            InboxId = inbox.Id,
            Channel = Channel.Email,
            TouchPointId = inbox.TouchPointId,
            Subject = Cut(message.Subject.Length > 0 ? message.Subject : null, 500),
            ContactName = Cut(from.Name, 200),
            ContactEmail = Cut(from.Address, 320),
            ReplyToken = token,
            CreatedAt = now,
            LastMessageAt = now,
        };
        db.Conversations.Add(conversation);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var winner = await db.Conversations.FirstOrDefaultAsync(c => c.ReplyToken == token, ct);
            if (winner is null)
            {
                throw;
            }

            return (winner, false);
        }

        // The customer only after winning, so a race never makes two profiles for one sender.
        conversation.CustomerId = (await CustomerForAsync(from, now, ct)).Id;
        await db.SaveChangesAsync(ct);
        return (conversation, true);
    }

    /// <summary>The customer with this email address, or a new profile for them.</summary>
    private async Task<Customer> CustomerForAsync(MailboxAddress from, DateTime now, CancellationToken ct)
    {
        var email = from.Address.ToLowerInvariant();
        // EF translates ToLower on both providers; string.Equals with a StringComparison it does not.
#pragma warning disable CA1862
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Email != null && c.Email.ToLower() == email, ct);
#pragma warning restore CA1862
        if (customer is not null)
        {
            return customer;
        }

        customer = new Customer { Email = Cut(from.Address, 256), Name = Cut(from.Name, 200), CreatedAt = now, UpdatedAt = now, LastSeenAt = now };
        db.Customers.Add(customer);
        await db.SaveChangesAsync(ct);
        return customer;
    }

    /// <summary>The new text of the reply; an automatic reply becomes a note that no one answers.</summary>
    private static (string Body, MessageAuthor Author, bool Private) Body(MimeMessage message, MailboxAddress from, List<string> dropped)
    {
        var text = ReplyText.Strip(message.Text);
        if (message.IsAutoReply)
        {
            text = $"Automatic reply from {from.Address}: {message.Subject}\n\n{text}".Trim();
        }

        var limit = ConversationLimits.MaxStoredBodyLength;
        if (text.Length > limit)
        {
            dropped.Add($"the text after the first {limit:N0} characters (too long)");
            text = text[..limit];
        }

        if (text.Length == 0)
        {
            text = message.Attachments.Count > 0 ? "(no text, files only)" : "(empty message)";
        }

        return message.IsAutoReply ? (text, MessageAuthor.System, true) : (text, MessageAuthor.Customer, false);
    }

    private async Task<int> KeepAttachmentsAsync(Conversation conversation, ConversationMessage stored, MimeMessage message, List<string> dropped,
        CancellationToken ct)
    {
        // A re-delivery that raced past the duplicate check got the stored message back: its files are already there.
        if (await db.MessageAttachments.AnyAsync(a => a.MessageId == stored.Id, ct))
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var kept = 0;
        foreach (var file in message.Attachments)
        {
            var name = Cut(file.FileName, 255)!;
            if (!ConversationLimits.AllowedTypes.TryGetValue(Path.GetExtension(name), out var type))
            {
                dropped.Add($"{name} (this type of file is not accepted)");
            }
            else if (file.Content.LongLength > ConversationLimits.MaxAttachmentBytes)
            {
                dropped.Add($"{name} (larger than {ConversationLimits.MaxAttachmentBytes / (1024 * 1024)} MB)");
            }
            else if (file.Content.Length == 0)
            {
                dropped.Add($"{name} (empty)");
            }
            else
            {
                db.MessageAttachments.Add(new MessageAttachment
                {
                    WorkspaceId = conversation.WorkspaceId,
                    ConversationId = conversation.Id,
                    MessageId = stored.Id,
                    FileName = name,
                    // The type is ours, from the extension, never the sender's word for it.
                    ContentType = type,
                    Size = file.Content.LongLength,
                    Content = file.Content,
                    CreatedAt = now,
                });
                kept++;
            }
        }

        await db.SaveChangesAsync(ct);
        return kept;
    }

    private static string? Cut(string? value, int length) => value is null ? null : value.Length > length ? value[..length] : value;
}
