using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Text.Storage;
using Touchpoint.Core.Text.Topics;

namespace Touchpoint.Core.Text.Workspace;

/// <summary>
/// The current workspace's taxonomy: read (its rows, or the built-in taxonomy until it saves its own) and
/// saved whole. A save replaces the rows, raises <see cref="TextSettings.TaxonomyVersion"/> and audits,
/// in one transaction; then this node forgets its analyser and the re-scorer is woken.
/// </summary>
public sealed class WorkspaceTaxonomy(
    TouchpointDbContext db,
    WorkspaceScope scope,
    AuditLog audit,
    WorkspaceTextAnalyzerSource analyzers,
    RescoreSignal rescore)
{
    public sealed record State(List<TaxonomyNode?> Topics, bool Custom, int Version, RescoringProgress Progress);

    public async Task<State> LoadAsync(CancellationToken ct)
    {
        var settings = await db.TextSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        var topics = settings is { CustomTaxonomy: true }
            ? TaxonomyRows.ToTree(await db.TaxonomyTopics.AsNoTracking().ToListAsync(ct))
            : TaxonomyNode.FromTaxonomy(DefaultTaxonomy.CustomerExperience);
        return new State(topics, settings?.CustomTaxonomy ?? false, settings?.TaxonomyVersion ?? 0, await RescoringProgress.ReadAsync(db, ct));
    }

    /// <summary>Saves the whole tree; returns the field errors instead when it is not valid (nothing is saved then).</summary>
    public async Task<Dictionary<string, string[]>> SaveAsync(IReadOnlyList<TaxonomyNode?>? topics, string actor, CancellationToken ct)
    {
        var errors = TaxonomyValidator.Validate(topics);
        if (errors.Count > 0)
        {
            return errors;
        }

        var rows = TaxonomyRows.FromTree(topics!);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.TaxonomyTopics.ExecuteDeleteAsync(ct);
            db.TaxonomyTopics.AddRange(rows);
            var settings = await SettingsForUpdateAsync(db, scope.WorkspaceId, ct);
            settings.CustomTaxonomy = true;
            settings.TaxonomyVersion++;
            audit.Record(actor, "text.taxonomy_saved", "taxonomy", $"version {settings.TaxonomyVersion}, {rows.Count} topics");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        Changed();
        return errors;
    }

    /// <summary>The workspace's settings row, created on first change (tracked: the caller saves).</summary>
    public static async Task<TextSettings> SettingsForUpdateAsync(TouchpointDbContext db, Guid workspaceId, CancellationToken ct)
    {
        var settings = await db.TextSettings.FirstOrDefaultAsync(ct);
        if (settings is null)
        {
            // The key is the workspace id: set it, or EF would generate one.
            settings = new TextSettings { WorkspaceId = workspaceId };
            db.TextSettings.Add(settings);
        }

        return settings;
    }

    /// <summary>After a committed change: this node's analyser is rebuilt on the next text, and re-scoring starts.</summary>
    public void Changed()
    {
        analyzers.Forget(scope.WorkspaceId);
        rescore.Notify();
    }

    /// <summary>The topics a text matches with the workspace's current rules, for the editor's "try a sentence" box.</summary>
    public async Task<IReadOnlyList<TopicMatch>> TryAsync(string? sentence, CancellationToken ct)
    {
        var analyzer = await analyzers.GetAsync(scope.WorkspaceId, ct);
        return analyzer.Analyzer.Topics.Match(sentence);
    }
}
