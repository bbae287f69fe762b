using Touchpoint.Core.Data;

namespace Touchpoint.Core.Email;

/// <summary>
/// Queues messages in the caller's unit of work: they exist exactly when the change that caused them
/// is committed. The dispatcher is woken once that commit happens.
/// </summary>
public sealed class Outbox(TouchpointDbContext db, OutboxSignal signal, TimeProvider clock)
{
    private bool _listening;

    /// <param name="conversationFiles">Ids of conversation files (<c>MessageAttachment</c>) to attach when sending.</param>
    /// <returns>The queued row; its id is set once the caller saves.</returns>
    public OutboxMessage Enqueue(EmailMessage email, Guid? workspaceId = null, Guid? customerId = null,
        IReadOnlyCollection<Guid>? conversationFiles = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            WorkspaceId = workspaceId,
            CustomerId = customerId,
            Recipient = email.To,
            Subject = email.Subject,
            TextBody = email.TextBody,
            HtmlBody = email.HtmlBody,
            Headers = OutboxMessage.WriteHeaders(email.Headers),
            ConversationFiles = OutboxMessage.WriteFiles(conversationFiles),
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.Outbox.Add(message);
        if (!_listening)
        {
            _listening = true;
            db.SavedChanges += (_, _) => signal.Notify();
        }

        return message;
    }
}
