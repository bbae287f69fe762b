using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Cases.Remedies;

/// <summary>
/// What a person may give without approval: per kind, their own limit when they have one, else their
/// role's. A kind with no limit at all is not theirs to give: it needs a manager's approval.
/// </summary>
public sealed class Authority(TouchpointDbContext db)
{
    /// <param name="MaxAmount">The most per case; null means allowed with no cap (a free upgrade).</param>
    /// <param name="Personal">Set for this person, rather than for their role.</param>
    public sealed record Limit(string Kind, decimal? MaxAmount, bool Personal)
    {
        public bool Allows(decimal total) => MaxAmount is not { } max || total <= max;
    }

    public async Task<IReadOnlyList<Limit>> OfAsync(Guid userId, WorkspaceRole role, CancellationToken ct = default)
    {
        var rows = await db.AuthorityLimits.AsNoTracking()
            .Where(l => l.UserId == userId || (l.UserId == null && l.Role == role))
            .ToListAsync(ct);
        return rows.GroupBy(l => l.Kind)
            .Select(g => g.FirstOrDefault(l => l.UserId == userId) ?? g.First())
            .Select(l => new Limit(l.Kind, l.MaxAmount, l.UserId is not null))
            .OrderBy(l => l.Kind, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<Limit?> ForAsync(Guid userId, WorkspaceRole role, string kind, CancellationToken ct = default) =>
        (await OfAsync(userId, role, ct)).FirstOrDefault(l => l.Kind == kind);
}
