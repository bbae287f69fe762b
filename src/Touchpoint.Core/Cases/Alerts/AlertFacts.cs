using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Text.Storage;
using Touchpoint.Core.Tracking;

namespace Touchpoint.Core.Cases.Alerts;

/// <summary>
/// Turns a batch of new rows into <see cref="AlertItem"/>s: the analysed texts, the customers' names,
/// personas and segments, and the handling conversations are read once per batch, not per row. Works
/// across workspaces (the worker's batches mix them): every read names its rows by id.
/// </summary>
public static class AlertFacts
{
    public static async Task<List<AlertItem>> OfResponsesAsync(TouchpointDbContext db, IReadOnlyList<Response> responses, CancellationToken ct)
    {
        var ids = responses.Select(r => r.Id).ToList();
        var texts = (await db.AnalyzedTexts.IgnoreQueryFilters().AsNoTracking()
                .Where(t => t.ResponseId != null && ids.Contains(t.ResponseId.Value))
                .Select(t => new
                {
                    ResponseId = t.ResponseId!.Value,
                    t.Scored,
                    t.Sentiment,
                    t.SentimentLabel,
                    Labels = t.Labels.Where(l => l.Kind == TextLabelKind.Topic || l.Kind == TextLabelKind.Signal)
                        .Select(l => new { l.Kind, l.Value }).ToList(),
                })
                .ToListAsync(ct))
            .ToLookup(t => t.ResponseId, t => new AlertItem.TextFacts(t.Scored, t.Sentiment, t.SentimentLabel,
                t.Labels.Where(l => l.Kind == TextLabelKind.Topic).Select(l => l.Value).ToList(),
                t.Labels.Where(l => l.Kind == TextLabelKind.Signal).Select(l => l.Value).ToList()));
        var customers = await CustomersAsync(db, responses.Select(r => r.CustomerId), ct);
        var conversationIds = responses.Where(r => r.ConversationId is not null).Select(r => r.ConversationId!.Value).Distinct().ToList();
        var assignees = conversationIds.Count == 0
            ? []
            : await db.Conversations.IgnoreQueryFilters().AsNoTracking().Where(c => conversationIds.Contains(c.Id))
                .ToDictionaryAsync(c => c.Id, c => c.AssigneeId ?? c.CsatAgentId, ct);
        return responses.Select(r =>
        {
            var customer = customers.Of(r.CustomerId);
            var (snapshotSegments, snapshotPersona) = ReadSnapshot(r.Snapshot);
            return new AlertItem
            {
                Trigger = AlertTrigger.Response,
                WorkspaceId = r.WorkspaceId,
                At = r.SubmittedAt,
                CustomerId = r.CustomerId,
                CustomerName = customer.Name,
                CurrentSegments = customer.Segments,
                CurrentPersonaId = customer.PersonaId,
                TouchPointId = r.TouchPointId,
                Channel = r.Channel,
                ResponseId = r.Id,
                SurveyId = r.SurveyId,
                Metric = r.Metric,
                Score = r.Score,
                Comment = r.Comment,
                Agent = r.Agent,
                Texts = texts[r.Id].ToList(),
                SnapshotSegments = snapshotSegments,
                SnapshotPersonaId = snapshotPersona,
                ConversationId = r.ConversationId,
                ConversationAssigneeId = r.ConversationId is { } c ? assignees.GetValueOrDefault(c) : null,
            };
        }).ToList();
    }

    public static async Task<List<AlertItem>> OfConversationsAsync(TouchpointDbContext db, IReadOnlyList<Conversation> conversations,
        DateTime now, CancellationToken ct)
    {
        var customers = await CustomersAsync(db, conversations.Select(c => c.CustomerId), ct);
        return conversations.Select(c =>
        {
            var customer = customers.Of(c.CustomerId);
            return new AlertItem
            {
                Trigger = AlertTrigger.Conversation,
                WorkspaceId = c.WorkspaceId,
                At = c.ResolvedAt ?? c.CreatedAt,
                CustomerId = c.CustomerId,
                CustomerName = customer.Name ?? c.ContactName ?? c.ContactEmail,
                CurrentSegments = customer.Segments,
                CurrentPersonaId = customer.PersonaId,
                TouchPointId = c.TouchPointId,
                Channel = c.Channel,
                ConversationId = c.Id,
                ConversationAssigneeId = c.AssigneeId ?? c.CsatAgentId,
                ConversationCsat = c.CsatScore,
                WaitMinutes = WaitMinutes(c, now),
            };
        }).ToList();
    }

    /// <summary>The first reply's wait, or the wait so far while the customer has no reply and the conversation is not resolved.</summary>
    public static double? WaitMinutes(Conversation c, DateTime now) =>
        c.FirstResponseSeconds is { } seconds ? seconds / 60.0
        : c.FirstResponseAt is { } first ? (first - c.CreatedAt).TotalMinutes
        : c.Status == ConversationStatus.Resolved ? null
        : (now - c.CreatedAt).TotalMinutes;

    public static async Task<List<AlertItem>> OfEventsAsync(TouchpointDbContext db, IReadOnlyList<TrackedEvent> events, CancellationToken ct)
    {
        var customers = await CustomersAsync(db, events.Select(e => (Guid?)e.CustomerId), ct);
        return events.Select(e =>
        {
            var customer = customers.Of(e.CustomerId);
            return new AlertItem
            {
                Trigger = AlertTrigger.Event,
                WorkspaceId = e.WorkspaceId,
                At = e.ReceivedAt,
                CustomerId = e.CustomerId,
                CustomerName = customer.Name,
                CurrentSegments = customer.Segments,
                CurrentPersonaId = customer.PersonaId,
                TouchPointId = e.TouchPointId,
                Channel = e.Channel,
                EventId = e.Id,
                EventName = e.Name,
                Properties = ParseObject(e.Properties),
            };
        }).ToList();
    }

    private sealed record CustomerFacts(string? Name, Guid? PersonaId, IReadOnlySet<Guid> Segments);

    private sealed class CustomerTable(Dictionary<Guid, CustomerFacts> known)
    {
        private static readonly CustomerFacts Nobody = new(null, null, new HashSet<Guid>());

        public CustomerFacts Of(Guid? id) => id is { } c && known.TryGetValue(c, out var facts) ? facts : Nobody;
    }

    private static async Task<CustomerTable> CustomersAsync(TouchpointDbContext db, IEnumerable<Guid?> ids, CancellationToken ct)
    {
        var wanted = ids.Where(i => i is not null).Select(i => i!.Value).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new CustomerTable([]);
        }

        var segments = (await db.SegmentMembers.IgnoreQueryFilters().AsNoTracking().Where(m => wanted.Contains(m.CustomerId))
                .Select(m => new { m.CustomerId, m.SegmentId }).ToListAsync(ct))
            .ToLookup(m => m.CustomerId, m => m.SegmentId);
        var customers = await db.Customers.IgnoreQueryFilters().AsNoTracking().Where(c => wanted.Contains(c.Id))
            .Select(c => new { c.Id, c.Name, c.Email, c.ExternalId, c.PersonaId }).ToListAsync(ct);
        return new CustomerTable(customers.ToDictionary(c => c.Id,
            c => new CustomerFacts(c.Name ?? c.Email ?? c.ExternalId, c.PersonaId, segments[c.Id].ToHashSet())));
    }

    private static (IReadOnlySet<Guid> Segments, Guid? Persona) ReadSnapshot(string? snapshot)
    {
        if (ParseObject(snapshot) is not { } json)
        {
            return (new HashSet<Guid>(), null);
        }

        var segments = (json["segments"] as JsonArray ?? [])
            .Select(s => s is JsonValue v && v.TryGetValue<string>(out var text) && Guid.TryParse(text, out var id) ? id : (Guid?)null)
            .Where(s => s is not null).Select(s => s!.Value).ToHashSet();
        var persona = json["persona"] is JsonValue p && p.TryGetValue<string>(out var personaText) && Guid.TryParse(personaText, out var personaId)
            ? personaId : (Guid?)null;
        return (segments, persona);
    }

    private static JsonObject? ParseObject(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
