using Touchpoint.Core.Text;
using Touchpoint.Core.Text.Storage;

namespace Touchpoint.Web.Text;

/// <summary>
/// What the analyser found in one text, as the REST API shows it (<c>POST /text/analyze</c> results, and
/// the <c>analysis</c> of response answers and messages). <see cref="Intents"/> carries the signals
/// (<c>kind: "signal"</c>) and the workspace classifier's topics (<c>kind: "topic"</c>).
/// </summary>
internal sealed record TextAnalysisDto(string? Language, bool Scored, SentimentDto Sentiment, IReadOnlyList<EmotionDto> Emotions,
    IReadOnlyList<TopicDto> Topics, IReadOnlyList<IntentDto> Intents)
{
    public static TextAnalysisDto From(TextAnalysisResult result) => new(
        result.Language,
        result.Scored,
        new SentimentDto(Math.Round(result.Sentiment.Compound, 4), result.Sentiment.Label, Math.Round(result.Sentiment.Positive, 3),
            Math.Round(result.Sentiment.Negative, 3), Math.Round(result.Sentiment.Neutral, 3),
            result.Sentiment.Sentences.Select(s => new SentenceDto(s.Start, s.Length, Math.Round(s.Compound, 4), s.Label)).ToList()),
        result.Emotions.Select(e => new EmotionDto(e.Emotion, Math.Round(e.Intensity, 3))).ToList(),
        result.Topics.Select(t => new TopicDto(t.Path, t.Count, t.Evidence)).ToList(),
        [
            .. result.Signals.Select(s => IntentDto.Signal(s.Kind, s.Confidence, s.Evidence, s.Employee)),
            .. result.Intents.Select(i => IntentDto.Topic(i.Label, i.Confidence)),
        ]);

    /// <summary>A stored analysis (the columns and the details JSON).</summary>
    public static TextAnalysisDto From(AnalyzedText row)
    {
        var details = AnalysisRecords.ReadDetails(row.Details);
        return new TextAnalysisDto(
            row.Language,
            row.Scored,
            new SentimentDto(row.Sentiment, row.SentimentLabel, details.Positive, details.Negative, details.Neutral,
                details.Sentences.Select(s => new SentenceDto(s.Start, s.Length, s.Compound, SentimentLabels.Of(s.Compound))).ToList()),
            details.Emotions.OrderByDescending(e => e.Value).Select(e => new EmotionDto(e.Key, e.Value)).ToList(),
            details.Topics.Select(t => new TopicDto(t.Path, t.Count, t.Evidence)).ToList(),
            [
                .. details.Signals.Select(s => IntentDto.Signal(s.Kind, s.Confidence, s.Evidence, s.Employee)),
                .. details.Intents.Select(i => IntentDto.Topic(i.Label, i.Confidence)),
            ]);
    }
}

internal sealed record SentimentDto(double Compound, string Label, double Positive, double Negative, double Neutral,
    IReadOnlyList<SentenceDto> Sentences);

internal sealed record SentenceDto(int Start, int Length, double Compound, string Label);

internal sealed record EmotionDto(string Emotion, double Intensity);

internal sealed record TopicDto(string Path, int Count, IReadOnlyList<string> Evidence);

/// <summary>A signal (churn, effort, urgency, praise or complaint naming an employee) or a classifier topic.</summary>
internal sealed record IntentDto(string Kind, string Name, double Confidence, string? Evidence = null, string? Employee = null)
{
    public static IntentDto Signal(string name, double confidence, string evidence, string? employee) =>
        new("signal", name, Math.Round(confidence, 3), evidence, employee);

    public static IntentDto Topic(string label, double confidence) => new("topic", label, Math.Round(confidence, 3));
}

/// <summary>The sentiment labels and the compound thresholds that give them (VADER's).</summary>
internal static class SentimentLabels
{
    public const string Positive = "positive";
    public const string Neutral = "neutral";
    public const string Negative = "negative";

    public static readonly string[] All = [Positive, Neutral, Negative];

    public static string Of(double compound) => compound >= 0.05 ? Positive : compound <= -0.05 ? Negative : Neutral;
}
