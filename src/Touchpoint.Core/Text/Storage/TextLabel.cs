using Touchpoint.Core.Data;

namespace Touchpoint.Core.Text.Storage;

/// <summary>
/// A label on an analysed text, one row each so analytics filter with an index: a topic path
/// ("Billing > Refunds"), a classifier intent, a signal kind or an emotion. People add and remove topic
/// labels by hand (<see cref="LabelOrigin.Person"/>); those are never replaced by re-scoring and they are
/// what the workspace's classifier learns from.
/// </summary>
public sealed class TextLabel : IWorkspaceOwned
{
    public long Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public long AnalyzedTextId { get; set; }
    public TextLabelKind Kind { get; set; }
    public required string Value { get; set; }
    public LabelOrigin Origin { get; set; }

    /// <summary>0..1: the rule's or model's confidence, the emotion's intensity, 1 for a person's label.</summary>
    public double Confidence { get; set; }

    /// <summary>Who put a person's label on; null for the analyser's.</summary>
    public Guid? CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }
}

public enum TextLabelKind
{
    Topic,
    Intent,
    Signal,
    Emotion,
}

public enum LabelOrigin
{
    /// <summary>Found by the taxonomy's rules, the signal patterns or the emotion lists.</summary>
    Rule,

    /// <summary>Predicted by the workspace's trained classifier.</summary>
    Model,

    /// <summary>Put on by a person: kept through re-scoring, and training data for the classifier.</summary>
    Person,
}
