using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Feedback;

/// <summary>
/// Who the customer was when they answered: their segments, persona, lifecycle stage and reporting
/// traits, frozen on the response so reports by segment stay true after the customer moves on.
/// </summary>
public static class ResponseSnapshot
{
    /// <summary>The snapshot as JSON, or null when the customer no longer exists.</summary>
    public static async Task<string?> TakeAsync(TouchpointDbContext db, Guid customerId, CancellationToken ct = default)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new { c.PersonaId, c.LifecycleStage, c.Traits }).FirstOrDefaultAsync(ct);
        if (customer is null)
        {
            return null;
        }

        var segments = await db.SegmentMembers.AsNoTracking().Where(m => m.CustomerId == customerId)
            .OrderBy(m => m.SegmentId).Select(m => m.SegmentId).ToListAsync(ct);
        var reporting = await db.TraitDefinitions.AsNoTracking().Where(t => t.IsReportingTrait).Select(t => t.Key).ToListAsync(ct);
        var traits = new JsonObject();
        if (reporting.Count > 0 && JsonNode.Parse(customer.Traits) is JsonObject all)
        {
            foreach (var key in reporting.Order(StringComparer.Ordinal))
            {
                if (all[key] is { } value)
                {
                    traits[key] = value.DeepClone();
                }
            }
        }

        var snapshot = new JsonObject
        {
            ["segments"] = new JsonArray(segments.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            ["persona"] = customer.PersonaId is { } persona ? JsonValue.Create(persona) : null,
            ["lifecycleStage"] = customer.LifecycleStage is { } stage ? JsonNamingPolicy.CamelCase.ConvertName(stage.ToString()) : null,
            ["traits"] = traits,
        };
        return snapshot.ToJsonString();
    }
}
