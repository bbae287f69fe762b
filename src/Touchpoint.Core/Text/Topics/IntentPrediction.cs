namespace Touchpoint.Core.Text.Topics;

/// <summary>A predicted intent and how sure the classifier is (0..1, the softmax of its scores).</summary>
public readonly record struct IntentPrediction(string Label, double Confidence)
{
    /// <summary>What is returned when a text has nothing the model knows (empty, other script, only unseen words).</summary>
    public static readonly IntentPrediction Unknown = new(IntentClassifier.UnknownLabel, 0);
}
