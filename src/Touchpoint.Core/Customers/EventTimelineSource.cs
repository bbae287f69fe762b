using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Tracking;

namespace Touchpoint.Core.Customers;

/// <summary>Tracked events (track, page, screen, identify, group, alias) on the timeline, at the time they happened.</summary>
public sealed class EventTimelineSource(TouchpointDbContext db) : ITimelineSource
{
    public string Kind => "event";

    public async Task<IReadOnlyList<TimelineItem>> ReadAsync(Guid customerId, TimelinePosition? after, int take, CancellationToken ct)
    {
        var events = db.Events.AsNoTracking().Where(e => e.CustomerId == customerId);
        if (after is { } p)
        {
            var (at, id) = (p.At, p.Id);
            events = p.ResumeFor(Kind) switch
            {
                TimelinePosition.Resume.Before => events.Where(e => e.OccurredAt < at),
                TimelinePosition.Resume.AtOrBefore => events.Where(e => e.OccurredAt <= at),
                _ => events.Where(e => e.OccurredAt < at || (e.OccurredAt == at && e.Id < id)),
            };
        }

        var rows = await events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(take).ToListAsync(ct);
        var touchPoints = await TimelineTouchPoints.NamesAsync(db, rows.Select(e => e.TouchPointId), ct);
        return rows.Select(e => new TimelineItem(Kind, e.Id, e.OccurredAt, Title(e), e.Channel,
            e.TouchPointId is { } tp ? touchPoints.GetValueOrDefault(tp) : null, e.Source.ToString().ToLowerInvariant(),
            new JsonObject
            {
                ["type"] = e.Type.ToString().ToLowerInvariant(),
                ["name"] = e.Name,
                ["properties"] = ParseObject(e.Properties),
                ["messageId"] = e.MessageId,
            })).ToList();
    }

    private static string Title(TrackedEvent e) => e.Type switch
    {
        EventType.Page => $"Viewed page {e.Name ?? "(unnamed)"}",
        EventType.Screen => $"Opened screen {e.Name ?? "(unnamed)"}",
        EventType.Identify => "Identified",
        EventType.Group => $"Joined group {e.Name}",
        EventType.Alias => "Linked a previous id",
        _ => e.Name ?? "Event",
    };

    private static JsonNode? ParseObject(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return json;
        }
    }
}
