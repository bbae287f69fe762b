using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Core.Text.Storage;
using Touchpoint.Core.Text.Topics;

namespace Touchpoint.Core.Text.Workspace;

/// <summary>
/// Each workspace's analyser: its own taxonomy (or the built-in one until it saves its own) compiled to
/// rules, and its trained classifier, stamped with its taxonomy version. Ingest asks for every text, so
/// the analyser is kept per node and rebuilt only when the version changes. The version itself is
/// re-read at most once per <see cref="Lifetime"/>: a save on this node forgets the workspace at once
/// (<see cref="Forget"/>, called by the taxonomy editor and the trainer); other nodes take the new
/// version within the lifetime, and the re-scorer brings anything they stamped older up to date.
/// </summary>
public sealed class WorkspaceTextAnalyzerSource(IServiceScopeFactory scopes, TimeProvider clock) : ITextAnalyzerSource
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private static readonly WorkspaceTextAnalyzer BuiltIn = new(TextAnalyzer.Default, 0);

    private readonly ShortLivedCache<Guid, int> _checkedVersions = new(clock, Lifetime);
    private readonly ConcurrentDictionary<Guid, WorkspaceTextAnalyzer> _built = new();

    /// <summary>How many times an analyser was built from the database (a test sees the cache at work).</summary>
    public int Builds => _builds;

    private int _builds;

    public async ValueTask<WorkspaceTextAnalyzer> GetAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        if (_checkedVersions.TryGet(workspaceId, out var version) && _built.TryGetValue(workspaceId, out var known)
            && known.TaxonomyVersion == version)
        {
            return known;
        }

        var stamp = _checkedVersions.Stamp;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        var current = await db.TextSettings.IgnoreQueryFilters().AsNoTracking().Where(s => s.WorkspaceId == workspaceId)
            .Select(s => (int?)s.TaxonomyVersion).FirstOrDefaultAsync(cancellationToken) ?? 0;
        if (!_built.TryGetValue(workspaceId, out var analyzer) || analyzer.TaxonomyVersion != current)
        {
            analyzer = await BuildAsync(db, workspaceId, cancellationToken);
            Interlocked.Increment(ref _builds);
            _built[workspaceId] = analyzer;
        }

        _checkedVersions.Remember(workspaceId, analyzer.TaxonomyVersion, stamp);
        return analyzer;
    }

    /// <summary>Drops what this node knows of the workspace: the next text reads its version again.</summary>
    public void Forget(Guid workspaceId) => _checkedVersions.Forget(workspaceId);

    /// <summary>Builds the workspace's analyser from its stored taxonomy and model (no cache).</summary>
    public static async Task<WorkspaceTextAnalyzer> BuildAsync(TouchpointDbContext db, Guid workspaceId, CancellationToken ct)
    {
        var settings = await db.TextSettings.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.WorkspaceId == workspaceId, ct);
        if (settings is null)
        {
            return BuiltIn;
        }

        var rules = TextAnalyzer.Default.Topics;
        if (settings.CustomTaxonomy)
        {
            var rows = await db.TaxonomyTopics.IgnoreQueryFilters().AsNoTracking().Where(t => t.WorkspaceId == workspaceId).ToListAsync(ct);
            rules = TopicRules.Compile(TaxonomyNode.ToTaxonomy(TaxonomyRows.ToTree(rows)));
        }

        return new WorkspaceTextAnalyzer(new TextAnalyzer(rules, LoadClassifier(settings.ClassifierModel)), settings.TaxonomyVersion);
    }

    private static IntentClassifier? LoadClassifier(byte[]? model)
    {
        if (model is not { Length: > 0 })
        {
            return null;
        }

        try
        {
            return IntentClassifier.Load(model);
        }
        catch (InvalidDataException)
        {
            // A model written by an incompatible version: analyse without it until the next training.
            return null;
        }
    }
}
