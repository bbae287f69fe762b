using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Touchpoint.Core.Data;
using Touchpoint.Core.Text.Storage;

namespace Touchpoint.Core.Text.Workspace;

/// <summary>
/// Brings every analysed text of a workspace up to its taxonomy version after the taxonomy or the
/// classifier changed: re-analyses the source text (the response's answer, or the message), rewrites
/// the row with <see cref="AnalysisRecords.Apply"/> (people's labels stay) and, once no row is older,
/// records <see cref="TextSettings.RescoredVersion"/>.
/// Each batch is one transaction that first claims the workspace's settings row (FOR UPDATE SKIP
/// LOCKED on PostgreSQL, so two nodes never re-score the same workspace at once and a busy one is
/// skipped; SQLite has one writer). Rows already at the new version are never read again, so a crash
/// mid-way resumes where it stopped.
/// </summary>
public sealed class TextRescorer(IServiceScopeFactory scopes, WorkspaceTextAnalyzerSource analyzers, IOptions<DatabaseOptions> database, TimeProvider clock)
{
    public const int BatchSize = 200;

    /// <summary>Re-scores every workspace that is behind, batch by batch; returns how many texts were re-scored.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
            // Behind: a save not yet re-scored, or a text another node stamped with the version it still
            // had in memory (up to WorkspaceTextAnalyzerSource.Lifetime after a save) once re-scoring was done.
            due = await db.TextSettings.IgnoreQueryFilters().AsNoTracking()
                .Where(s => s.RescoredVersion < s.TaxonomyVersion
                    || db.AnalyzedTexts.IgnoreQueryFilters().Any(t => t.WorkspaceId == s.WorkspaceId && t.TaxonomyVersion < s.TaxonomyVersion))
                .Select(s => s.WorkspaceId).ToListAsync(ct);
        }

        var total = 0;
        foreach (var workspace in due)
        {
            while (await RescoreBatchAsync(workspace, ct) is var (count, more))
            {
                total += count;
                if (!more)
                {
                    break;
                }
            }
        }

        return total;
    }

    /// <summary>One batch of one workspace; null when it is up to date or another node holds it.</summary>
    private async Task<(int Count, bool More)?> RescoreBatchAsync(Guid workspaceId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(workspaceId);
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var settings = database.Value.Provider == DatabaseProvider.Postgres
            ? (await db.TextSettings.FromSql($"""
                SELECT * FROM "TextSettings" WHERE "WorkspaceId" = {workspaceId} FOR UPDATE SKIP LOCKED
                """).IgnoreQueryFilters().ToListAsync(ct)).FirstOrDefault()
            : await db.TextSettings.FirstOrDefaultAsync(ct);
        if (settings is null)
        {
            return null;
        }

        var target = settings.TaxonomyVersion;
        var analyzer = await AnalyzerAtAsync(db, workspaceId, target, ct);
        var rows = await db.AnalyzedTexts.Include(t => t.Labels).Include(t => t.Response).Include(t => t.Message)
            .Where(t => t.TaxonomyVersion < target).OrderBy(t => t.Id).Take(BatchSize).ToListAsync(ct);
        if (rows.Count == 0 && settings.RescoredVersion == target)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var row in rows)
        {
            AnalysisRecords.Apply(row, analyzer.Analyze(AnalyzedTextSource.TextOf(row)), target, now);
        }

        var more = rows.Count == BatchSize;
        if (!more)
        {
            settings.RescoredVersion = target;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (rows.Count, more);
    }

    /// <summary>The analyser of exactly this version: the node's cached one, else one built inside the claim.</summary>
    private async Task<TextAnalyzer> AnalyzerAtAsync(TouchpointDbContext db, Guid workspaceId, int version, CancellationToken ct)
    {
        var cached = await analyzers.GetAsync(workspaceId, ct);
        if (cached.TaxonomyVersion == version)
        {
            return cached.Analyzer;
        }

        analyzers.Forget(workspaceId);
        var built = await WorkspaceTextAnalyzerSource.BuildAsync(db, workspaceId, ct);
        return built.Analyzer;
    }
}
