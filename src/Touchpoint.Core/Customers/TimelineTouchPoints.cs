using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Customers;

/// <summary>Touch point names for a page of timeline items, in one query.</summary>
internal static class TimelineTouchPoints
{
    public static async Task<Dictionary<Guid, string>> NamesAsync(TouchpointDbContext db, IEnumerable<Guid?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<Guid>().Distinct().ToList();
        return wanted.Count == 0
            ? []
            : await db.TouchPoints.AsNoTracking().Where(t => wanted.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
    }
}
