using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Email;
using Touchpoint.Core.Surveys.Distribution;

namespace Touchpoint.Core.Cases.Sla;

/// <summary>
/// Tells people about an SLA warning, breach or escalation: an in-app notification and an email through
/// the outbox, both in the caller's unit of work. Kept to this one class so it can hand over to the
/// cases' shared notifier without touching the SLA logic.
/// </summary>
public sealed class SlaNotifier(TouchpointDbContext db, Outbox outbox, SurveyLinks links, TimeProvider clock)
{
    public sealed record Notice(string Title, string Body, string Link);

    public async Task NotifyAsync(Guid workspaceId, IReadOnlyCollection<Guid> userIds, Notice notice, CancellationToken ct)
    {
        if (userIds.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var members = await db.Memberships.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId && userIds.Contains(m.UserId))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.Email })
            .ToListAsync(ct);
        foreach (var member in members.DistinctBy(m => m.Id))
        {
            db.UserNotifications.Add(new UserNotification
            {
                WorkspaceId = workspaceId,
                UserId = member.Id,
                Title = Cut(notice.Title, 300),
                Body = Cut(notice.Body, 2000),
                Link = notice.Link,
                CreatedAt = now,
            });
            if (!string.IsNullOrWhiteSpace(member.Email))
            {
                outbox.Enqueue(new EmailMessage(member.Email, notice.Title, $"{notice.Body}\n\nOpen the case: {links.Base}{notice.Link}\n"),
                    workspaceId);
            }
        }
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
