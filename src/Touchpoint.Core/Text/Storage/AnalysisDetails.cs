namespace Touchpoint.Core.Text.Storage;

/// <summary>
/// The full findings of one analysis as stored in <see cref="AnalyzedText.Details"/>: what the response
/// and conversation views show beside the text (sentence scores, emotion intensities, what a signal or a
/// topic was found on).
/// </summary>
public sealed record AnalysisDetails(
    double Positive,
    double Negative,
    double Neutral,
    IReadOnlyList<AnalysisDetails.SentenceDetail> Sentences,
    IReadOnlyDictionary<string, double> Emotions,
    IReadOnlyList<AnalysisDetails.SignalDetail> Signals,
    IReadOnlyList<AnalysisDetails.TopicDetail> Topics,
    IReadOnlyList<AnalysisDetails.IntentDetail> Intents)
{
    public static AnalysisDetails Empty { get; } = new(0, 0, 0, [], new Dictionary<string, double>(), [], [], []);

    public sealed record SentenceDetail(int Start, int Length, double Compound);

    public sealed record SignalDetail(string Kind, double Confidence, string Evidence, string? Employee);

    public sealed record TopicDetail(string Path, int Count, IReadOnlyList<string> Evidence);

    public sealed record IntentDetail(string Label, double Confidence);
}
