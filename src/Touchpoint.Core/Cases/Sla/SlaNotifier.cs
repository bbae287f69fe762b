using Touchpoint.Core.Cases.Work;

namespace Touchpoint.Core.Cases.Sla;

/// <summary>
/// Tells people about an SLA warning, breach or escalation through the cases' shared <see cref="Notifier"/>:
/// an in-app notification (pushed live once committed) and an email through the outbox, both in the caller's
/// unit of work. The caller has entered the case's workspace.
/// </summary>
public sealed class SlaNotifier(Notifier notifier)
{
    public sealed record Notice(string Title, string Body, string Link);

    public async Task NotifyAsync(IReadOnlyCollection<Guid> userIds, Notice notice, CancellationToken ct)
    {
        foreach (var userId in userIds.Distinct())
        {
            // Null for someone who is no longer a member: nothing to tell them.
            await notifier.AddAsync(userId, notice.Title, notice.Body, notice.Link, email: true, ct);
        }
    }
}
