namespace Touchpoint.Core.Text.Storage;

/// <summary>
/// The analyser for a workspace: its taxonomy compiled and its classifier loaded, with the taxonomy
/// version to stamp on what it analyses. Ingest calls this for every text, so implementations keep the
/// analyser in memory and rebuild it only when the workspace's taxonomy or model changes.
/// </summary>
public interface ITextAnalyzerSource
{
    ValueTask<WorkspaceTextAnalyzer> GetAsync(Guid workspaceId, CancellationToken cancellationToken = default);
}

public sealed record WorkspaceTextAnalyzer(TextAnalyzer Analyzer, int TaxonomyVersion);

/// <summary>Every workspace gets the built-in taxonomy and no classifier, version 0.</summary>
public sealed class BuiltInTextAnalyzerSource : ITextAnalyzerSource
{
    private static readonly WorkspaceTextAnalyzer BuiltIn = new(TextAnalyzer.Default, 0);

    public ValueTask<WorkspaceTextAnalyzer> GetAsync(Guid workspaceId, CancellationToken cancellationToken = default) => ValueTask.FromResult(BuiltIn);
}
