using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Tracking;

/// <summary>Adds and removes the workspace's touch-point mapping rules (REST API and the Settings page both use this).</summary>
public sealed class TouchPointMappingService(TouchpointDbContext db, TouchPointMatcher matcher, AuditLog audit, TimeProvider clock)
{
    /// <summary>A workspace's rules are read for every event: keep the list short.</summary>
    public const int MaxMappings = 500;

    /// <summary>What to map, as sent: enum names as text so each bad value gets its own message.</summary>
    public sealed record Draft(Guid? TouchPointId, string? Source, string? EventType, string? EventName, string? PathPrefix, int? Priority);

    public sealed record Result(TouchPointMapping? Mapping, Dictionary<string, string[]> Errors);

    public Task<List<TouchPointMapping>> ListAsync(CancellationToken ct = default) =>
        db.TouchPointMappings.AsNoTracking().OrderBy(m => m.Priority).ThenBy(m => m.CreatedAt).ToListAsync(ct);

    public async Task<Result> CreateAsync(Draft draft, string actor, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (draft.TouchPointId is not { } touchPointId || touchPointId == Guid.Empty)
        {
            errors["touchPointId"] = ["Choose the touch point the events belong to (an id from GET /api/v1/journeys)."];
        }
        else if (!await db.TouchPoints.AnyAsync(t => t.Id == touchPointId, ct))
        {
            errors["touchPointId"] = ["No touch point with this id exists in your workspace."];
        }

        var source = ParseEnum<TrackingSource>(draft.Source, "source", "web, app, store, sensor or import", errors);
        var type = ParseEnum<EventType>(draft.EventType, "eventType", "track, page, screen, identify, group or alias", errors);
        var name = Optional(draft.EventName, "eventName", TrackingLimits.MaxNameLength, errors);
        var prefix = Optional(draft.PathPrefix, "pathPrefix", 200, errors);
        if (prefix is not null && !prefix.StartsWith('/'))
        {
            errors["pathPrefix"] = ["A path prefix starts with '/', such as /checkout."];
        }

        if (draft.Priority is < 0 or > 1_000_000)
        {
            errors["priority"] = ["Use a priority from 0 to 1000000; the lowest matching rule wins."];
        }

        if (errors.Count == 0 && await db.TouchPointMappings.CountAsync(ct) >= MaxMappings)
        {
            errors["touchPointId"] = [$"A workspace has at most {MaxMappings} mapping rules: delete one first."];
        }

        if (errors.Count > 0)
        {
            return new Result(null, errors);
        }

        var mapping = new TouchPointMapping
        {
            TouchPointId = draft.TouchPointId!.Value,
            Source = source,
            EventType = type,
            EventName = name,
            PathPrefix = prefix,
            Priority = draft.Priority ?? 100,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.TouchPointMappings.Add(mapping);
        audit.Record(actor, "tracking.mapping.created", $"mapping:{mapping.Id}", Describe(mapping));
        await db.SaveChangesAsync(ct);
        matcher.Evict(mapping.WorkspaceId);
        return new Result(mapping, errors);
    }

    public async Task<bool> DeleteAsync(Guid id, string actor, CancellationToken ct = default)
    {
        var mapping = await db.TouchPointMappings.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (mapping is null)
        {
            return false;
        }

        db.TouchPointMappings.Remove(mapping);
        audit.Record(actor, "tracking.mapping.deleted", $"mapping:{mapping.Id}", Describe(mapping));
        await db.SaveChangesAsync(ct);
        matcher.Evict(mapping.WorkspaceId);
        return true;
    }

    private static string Describe(TouchPointMapping m) =>
        $"source={m.Source?.ToString() ?? "any"} type={m.EventType?.ToString() ?? "any"} name={m.EventName ?? "any"} path={m.PathPrefix ?? "any"} priority={m.Priority}";

    private static T? ParseEnum<T>(string? text, string field, string allowed, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!int.TryParse(text, out _) && Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value))
        {
            return value;
        }

        errors[field] = [$"Use {allowed}, or leave it out to match any."];
        return null;
    }

    private static string? Optional(string? text, string field, int max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (text.Trim().Length > max)
        {
            errors[field] = [$"Keep '{field}' to {max} characters."];
            return null;
        }

        return text.Trim();
    }
}
