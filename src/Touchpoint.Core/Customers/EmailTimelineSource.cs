using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;

namespace Touchpoint.Core.Customers;

/// <summary>Emails written to the outbox for this customer (survey invitations and the like), at the time they were queued.</summary>
public sealed class EmailTimelineSource(TouchpointDbContext db, WorkspaceScope scope) : ITimelineSource
{
    public string Kind => "email";

    public async Task<IReadOnlyList<TimelineItem>> ReadAsync(Guid customerId, TimelinePosition? after, int take, CancellationToken ct)
    {
        // The outbox also holds account mail, so it has no workspace filter: say the workspace here.
        var workspaceId = scope.WorkspaceId;
        var emails = db.Outbox.AsNoTracking().Where(m => m.CustomerId == customerId && m.WorkspaceId == workspaceId);
        if (after is { } p)
        {
            var (at, id) = (p.At, p.Id);
            emails = p.ResumeFor(Kind) switch
            {
                TimelinePosition.Resume.Before => emails.Where(m => m.CreatedAt < at),
                TimelinePosition.Resume.AtOrBefore => emails.Where(m => m.CreatedAt <= at),
                _ => emails.Where(m => m.CreatedAt < at || (m.CreatedAt == at && m.Id < id)),
            };
        }

        var rows = await emails.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(take).ToListAsync(ct);
        return rows.Select(m => new TimelineItem(Kind, m.Id, m.CreatedAt, $"Email: {m.Subject}", Channel.Email, null, "email",
            new JsonObject
            {
                ["subject"] = m.Subject,
                ["status"] = m.Status.ToString().ToLowerInvariant(),
                ["sentAt"] = m.SentAt,
            })).ToList();
    }
}
