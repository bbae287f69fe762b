using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Email;

namespace Touchpoint.Core.Cases.Remedies;

/// <summary>
/// Tells people about remedies: an in-app notification and an email (through the outbox), written in
/// the caller's unit of work so they exist exactly when the request or decision does.
/// </summary>
public sealed class RemedyNotices(TouchpointDbContext db, Outbox outbox, TimeProvider clock)
{
    /// <param name="link">Inside the app, for the notification ("/approvals").</param>
    /// <param name="emailText">The email's body; its subject is <paramref name="title"/>.</param>
    public async Task SendAsync(Guid workspaceId, IReadOnlyCollection<Guid> userIds, string title, string body, string link,
        string emailText, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToListAsync(ct);
        foreach (var person in people)
        {
            db.UserNotifications.Add(new UserNotification { UserId = person.Id, Title = Clip(title, 300), Body = Clip(body, 2000), Link = link, CreatedAt = now });
            if (!string.IsNullOrWhiteSpace(person.Email))
            {
                outbox.Enqueue(new EmailMessage(person.Email, title, emailText), workspaceId);
            }
        }
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
