using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Tracking;

/// <summary>
/// Finds the touch point an event belongs to by the workspace's <see cref="TouchPointMapping"/>
/// rules (lowest priority first; every condition that is set must hold). The rules are read at most once per <see cref="Lifetime"/> per workspace, since every
/// event asks; a change made on this node evicts them at once, other nodes see it within the lifetime.
/// </summary>
public sealed class TouchPointMatcher(IMemoryCache cache, TouchpointDbContext db)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    public async Task<Guid?> MatchAsync(Guid workspaceId, TrackingSource source, EventType type, string? name, string? path,
        CancellationToken ct = default)
    {
        var rules = await RulesAsync(workspaceId, ct);
        foreach (var rule in rules)
        {
            if ((rule.Source is null || rule.Source == source)
                && (rule.EventType is null || rule.EventType == type)
                && (rule.EventName is null || string.Equals(rule.EventName, name, StringComparison.Ordinal))
                && (rule.PathPrefix is null || (path is not null && path.StartsWith(rule.PathPrefix, StringComparison.Ordinal))))
            {
                return rule.TouchPointId;
            }
        }

        return null;
    }

    public void Evict(Guid workspaceId) => cache.Remove(CacheKey(workspaceId));

    private async Task<IReadOnlyList<TouchPointMapping>> RulesAsync(Guid workspaceId, CancellationToken ct)
    {
        if (cache.TryGetValue(CacheKey(workspaceId), out IReadOnlyList<TouchPointMapping>? rules) && rules is not null)
        {
            return rules;
        }

        // The context's workspace filter applies: this scope acts in the event's workspace.
        rules = await db.TouchPointMappings.AsNoTracking().Where(m => m.WorkspaceId == workspaceId)
            .OrderBy(m => m.Priority).ThenBy(m => m.CreatedAt).ToListAsync(ct);
        cache.Set(CacheKey(workspaceId), rules, Lifetime);
        return rules;
    }

    private static string CacheKey(Guid workspaceId) => "touchpoint-mappings:" + workspaceId;
}
