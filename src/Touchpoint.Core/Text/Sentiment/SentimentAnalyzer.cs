namespace Touchpoint.Core.Text.Sentiment;

/// <summary>
/// Scores how positive or negative a customer's text is: VADER's rules on VADER's lexicon, extended for
/// customer-service language, per sentence and for the whole text. Thread-safe, allocates only the result,
/// and never throws on any input: text that is not English is marked (<see cref="SentimentScore.Language"/>,
/// <see cref="SentimentScore.Scored"/> false), not scored. See docs/text-analytics.md.
/// </summary>
public static class SentimentAnalyzer
{
    public static SentimentScore Score(string? text) => SentimentEngine.Default.Score(text.AsSpan());

    public static SentimentScore Score(ReadOnlySpan<char> text) => SentimentEngine.Default.Score(text);
}
