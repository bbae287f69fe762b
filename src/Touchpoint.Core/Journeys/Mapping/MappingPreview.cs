using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Tracking;

namespace Touchpoint.Core.Journeys.Mapping;

/// <summary>
/// "This rule would match N of the last 30 days' events": how many of the workspace's events received
/// in that window meet every condition of a draft rule (other rules and their priorities aside). Source,
/// type and name are compared in the database; a path prefix narrows the candidates there by a text
/// search and is then checked exactly on each candidate's page path, as the tracking API reads it.
/// </summary>
public sealed class MappingPreview(TouchpointDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    public sealed record Result(int Matches, int Events);

    public async Task<Result> CountAsync(TrackingSource? source, EventType? type, string? name, string? pathPrefix, CancellationToken ct = default)
    {
        var since = clock.GetUtcNow().UtcDateTime - Window;
        var recent = db.Events.AsNoTracking().Where(e => e.OccurredAt >= since);
        var total = await recent.CountAsync(ct);
        var matching = recent;
        if (source is { } s)
        {
            matching = matching.Where(e => e.Source == s);
        }

        if (type is { } t)
        {
            matching = matching.Where(e => e.Type == t);
        }

        if (name is not null)
        {
            matching = matching.Where(e => e.Name == name);
        }

        if (pathPrefix is null)
        {
            return new Result(await matching.CountAsync(ct), total);
        }

        var candidates = await matching
            .Where(e => e.Properties.Contains(pathPrefix) || (e.Context != null && e.Context.Contains(pathPrefix)))
            .Select(e => new { e.Properties, e.Context })
            .ToListAsync(ct);
        return new Result(candidates.Count(c => PathOf(c.Properties, c.Context)?.StartsWith(pathPrefix, StringComparison.Ordinal) == true), total);
    }

    /// <summary>The page path as tracking reads it: properties.path, else context.page.path.</summary>
    internal static string? PathOf(string properties, string? context)
    {
        if (Read(properties) is { } props && props.TryGetProperty("path", out var path) && path.ValueKind == JsonValueKind.String)
        {
            return path.GetString();
        }

        return Read(context) is { } ctx && ctx.TryGetProperty("page", out var page) && page.ValueKind == JsonValueKind.Object
            && page.TryGetProperty("path", out var pagePath) && pagePath.ValueKind == JsonValueKind.String
            ? pagePath.GetString()
            : null;
    }

    private static JsonElement? Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
