namespace Touchpoint.Core.Text.Sentiment;

/// <summary>
/// How positive or negative a text is. <see cref="Compound"/> runs from -1 (most negative) to +1 (most
/// positive); <see cref="Label"/> is "positive" at +0.05 and above, "negative" at -0.05 and below, else
/// "neutral". <see cref="Positive"/>, <see cref="Negative"/> and <see cref="Neutral"/> are the shares of the
/// text's weight that lean each way (they add up to 1, or are all 0 when nothing was scored).
/// <see cref="Scored"/> is false when the text is not English (<see cref="Language"/> says what it looks
/// like) or has nothing to score; the numbers are then 0 and the label "neutral", so other languages are
/// marked rather than mis-scored.
/// </summary>
public sealed record SentimentScore(
    double Compound,
    double Positive,
    double Negative,
    double Neutral,
    string Label,
    IReadOnlyList<SentenceSentiment> Sentences,
    string? Language,
    bool Scored)
{
    public const string PositiveLabel = "positive";
    public const string NeutralLabel = "neutral";
    public const string NegativeLabel = "negative";

    internal static SentimentScore NotScored(string? language) => new(0, 0, 0, 0, NeutralLabel, [], language, false);

    /// <summary>VADER's thresholds: +-0.05 around zero is neutral.</summary>
    public static string LabelOf(double compound) =>
        compound >= 0.05 ? PositiveLabel : compound <= -0.05 ? NegativeLabel : NeutralLabel;
}

/// <summary>One sentence's score: where it is in the text (UTF-16 offsets), its compound -1..1 and label.</summary>
public sealed record SentenceSentiment(int Start, int Length, double Compound, string Label);
