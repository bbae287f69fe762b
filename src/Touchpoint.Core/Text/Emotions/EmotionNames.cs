namespace Touchpoint.Core.Text.Emotions;

/// <summary>The eight emotions of Plutchik's wheel, the values of <see cref="EmotionScore.Emotion"/>.</summary>
public static class EmotionNames
{
    public const string Joy = "joy";
    public const string Trust = "trust";
    public const string Anger = "anger";
    public const string Sadness = "sadness";
    public const string Fear = "fear";
    public const string Surprise = "surprise";
    public const string Disgust = "disgust";
    public const string Anticipation = "anticipation";

    /// <summary>In wheel order; results with equal intensity keep this order.</summary>
    public static IReadOnlyList<string> All { get; } = [Joy, Trust, Fear, Surprise, Sadness, Disgust, Anger, Anticipation];
}
