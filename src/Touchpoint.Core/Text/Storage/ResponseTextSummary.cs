namespace Touchpoint.Core.Text.Storage;

/// <summary>
/// A response's analysed answers in the export's few columns: the sentiment of its first scored answer
/// (the one the Comment column shows) and the emotions, signals and topics of all of them.
/// </summary>
public sealed record ResponseTextSummary(double? Sentiment, string? SentimentLabel, IReadOnlyList<string> Emotions, IReadOnlyList<string> Signals,
    IReadOnlyList<string> Topics)
{
    public static readonly ResponseTextSummary None = new(null, null, [], [], []);

    /// <summary>The columns the CSV export adds after the answers.</summary>
    public static readonly IReadOnlyList<string> Columns = ["sentiment", "sentimentLabel", "emotions", "signals", "topics"];

    public static ResponseTextSummary Of(IReadOnlyList<AnalyzedText>? rows)
    {
        if (rows is not { Count: > 0 })
        {
            return None;
        }

        var scored = rows.Where(r => r.Scored).OrderBy(r => r.Id).ToList();
        var details = scored.Select(r => AnalysisRecords.ReadDetails(r.Details)).ToList();
        var first = scored.FirstOrDefault();
        return new ResponseTextSummary(
            first?.Sentiment,
            first?.SentimentLabel,
            details.SelectMany(d => d.Emotions.Keys).Distinct(StringComparer.Ordinal).ToList(),
            details.SelectMany(d => d.Signals.Select(s => s.Kind)).Distinct(StringComparer.Ordinal).ToList(),
            details.SelectMany(d => d.Topics.Select(t => t.Path)).Distinct(StringComparer.Ordinal).ToList());
    }
}
