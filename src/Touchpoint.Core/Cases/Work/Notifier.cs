using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Email;
using Touchpoint.Core.Surveys.Distribution;

namespace Touchpoint.Core.Cases.Work;

/// <summary>
/// Tells a member of the workspace about something they should act on: a <see cref="UserNotification"/>
/// (the bell and /notifications), pushed live once it is committed, and optionally an email through
/// the outbox written in the same transaction. Used for assignments, customer replies, SLA warnings
/// and escalations, and approval requests.
/// </summary>
public sealed class Notifier(TouchpointDbContext db, Outbox outbox, INotificationFeed feed, SurveyLinks links, TimeProvider clock)
{
    private readonly List<UserNotification> _pending = [];
    private bool _listening;

    /// <summary>Adds the notification (and its email) to the caller's unit of work and saves it.</summary>
    public async Task<UserNotification?> NotifyAsync(Guid userId, string title, string? body, string? link, bool email,
        CancellationToken ct = default)
    {
        var notification = await AddAsync(userId, title, body, link, email, ct);
        await db.SaveChangesAsync(ct);
        return notification;
    }

    /// <summary>
    /// Adds the notification (and its email) to the caller's unit of work without saving: it exists
    /// exactly when the caller's change does, and is pushed when that change is committed. Null when
    /// the user is not a member of the workspace (any more).
    /// </summary>
    public async Task<UserNotification?> AddAsync(Guid userId, string title, string? body, string? link, bool email,
        CancellationToken ct = default)
    {
        var user = await (from m in db.Memberships.AsNoTracking()
                          where m.UserId == userId
                          join u in db.Users on m.UserId equals u.Id
                          select new { u.Email }).FirstOrDefaultAsync(ct);
        if (user is null)
        {
            return null;
        }

        var notification = new UserNotification
        {
            UserId = userId,
            Title = Cut(title, 300)!,
            Body = Cut(body, 2000),
            Link = Cut(link, 500),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.UserNotifications.Add(notification);
        if (email && !string.IsNullOrWhiteSpace(user.Email))
        {
            var text = body is null ? title : $"{title}\n\n{body}";
            if (link is not null)
            {
                text += $"\n\n{Absolute(link)}";
            }

            outbox.Enqueue(new EmailMessage(user.Email, title, text), db.CurrentWorkspaceId);
        }

        _pending.Add(notification);
        if (!_listening)
        {
            _listening = true;
            db.SavedChanges += (_, _) => PushPending();
        }

        return notification;
    }

    /// <summary>The unread count for the bell.</summary>
    public Task<int> UnreadAsync(Guid userId, CancellationToken ct = default) =>
        db.UserNotifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, ct);

    private void PushPending()
    {
        // A notification dropped with a unit of work that failed (and was retried) is detached: never pushed.
        var committed = _pending.Where(n => db.Entry(n).State == EntityState.Unchanged).ToList();
        _pending.RemoveAll(n => db.Entry(n).State != EntityState.Added);
        foreach (var group in committed.GroupBy(n => n.UserId))
        {
            // The count is read after the commit, on a fresh query: cheap (indexed) and always right.
            var unread = db.UserNotifications.AsNoTracking().Count(n => n.UserId == group.Key && n.ReadAt == null);
            foreach (var notification in group)
            {
                feed.Notified(notification, unread);
            }
        }
    }

    /// <summary>Links in emails are absolute: the configured public address, else the one the app was last reached on.</summary>
    private string Absolute(string link) => link.StartsWith('/') ? links.Base + link : link;

    private static string? Cut(string? value, int max) => value is null ? null : value.Length > max ? value[..max] : value;
}
