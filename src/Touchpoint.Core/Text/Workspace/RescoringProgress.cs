using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Text.Workspace;

/// <summary>How far the current workspace's analysed texts are from its taxonomy version ("Re-scoring 1,200 of 5,000 texts").</summary>
public sealed record RescoringProgress(int Version, int Done, int Total)
{
    public bool Running => Done < Total;

    public static async Task<RescoringProgress> ReadAsync(TouchpointDbContext db, CancellationToken ct)
    {
        var version = await db.TextSettings.AsNoTracking().Select(s => (int?)s.TaxonomyVersion).FirstOrDefaultAsync(ct) ?? 0;
        var total = await db.AnalyzedTexts.CountAsync(ct);
        var done = await db.AnalyzedTexts.CountAsync(t => t.TaxonomyVersion >= version, ct);
        return new RescoringProgress(version, done, total);
    }
}
