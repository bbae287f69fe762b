using Touchpoint.Core.Data;

namespace Touchpoint.Core.Email;

/// <summary>
/// Queues messages in the caller's unit of work: they exist exactly when the change that caused them
/// is committed. The dispatcher is woken once that commit happens.
/// </summary>
public sealed class Outbox(TouchpointDbContext db, OutboxSignal signal, TimeProvider clock)
{
    private bool _listening;

    public void Enqueue(EmailMessage email, Guid? workspaceId = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Outbox.Add(new OutboxMessage
        {
            WorkspaceId = workspaceId,
            Recipient = email.To,
            Subject = email.Subject,
            TextBody = email.TextBody,
            HtmlBody = email.HtmlBody,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        if (!_listening)
        {
            _listening = true;
            db.SavedChanges += (_, _) => signal.Notify();
        }
    }
}
