using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases.Work;
using Touchpoint.Core.Data;
using Touchpoint.Core.Email;

namespace Touchpoint.Core.Cases.Remedies;

/// <summary>
/// Tells people about remedies: an in-app notification through the shared <see cref="Notifier"/>
/// (the bell, pushed live once committed) and an email of its own (it carries the one-click approval
/// link), both written in the caller's unit of work so they exist exactly when the request or decision does.
/// </summary>
public sealed class RemedyNotices(TouchpointDbContext db, Notifier notifier, Outbox outbox)
{
    /// <param name="link">Inside the app, for the notification ("/approvals").</param>
    /// <param name="emailText">The email's body; its subject is <paramref name="title"/>.</param>
    public async Task SendAsync(Guid workspaceId, IReadOnlyCollection<Guid> userIds, string title, string body, string link,
        string emailText, CancellationToken ct)
    {
        var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToListAsync(ct);
        foreach (var person in people)
        {
            if (await notifier.AddAsync(person.Id, title, body, link, email: false, ct) is not null && !string.IsNullOrWhiteSpace(person.Email))
            {
                outbox.Enqueue(new EmailMessage(person.Email, title, emailText), workspaceId);
            }
        }
    }
}
