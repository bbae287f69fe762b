using Touchpoint.Core.Data;

namespace Touchpoint.Core.Text.Storage;

/// <summary>
/// A workspace's text-analysis state, one row per workspace, created on first change. Saving the taxonomy
/// raises <see cref="TaxonomyVersion"/>; the background re-scorer brings every analysed text up to it and
/// records <see cref="RescoredVersion"/>. The classifier trained from people's topic labels is stored here.
/// </summary>
public sealed class TextSettings : IWorkspaceOwned
{
    public Guid WorkspaceId { get; set; }

    /// <summary>True once the workspace saved its own taxonomy (the <see cref="TaxonomyTopic"/> rows).</summary>
    public bool CustomTaxonomy { get; set; }

    public int TaxonomyVersion { get; set; }
    public int RescoredVersion { get; set; }

    /// <summary>IntentClassifier.ToBytes(), or null before the first training.</summary>
    public byte[]? ClassifierModel { get; set; }

    public DateTime? ClassifierTrainedAt { get; set; }
    public int ClassifierExamples { get; set; }

    /// <summary>Held-out accuracy of the last training (0..1), shown beside the model.</summary>
    public double? ClassifierAccuracy { get; set; }
}
