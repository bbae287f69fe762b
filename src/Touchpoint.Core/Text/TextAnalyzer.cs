using Touchpoint.Core.Text.Emotions;
using Touchpoint.Core.Text.Sentiment;
using Touchpoint.Core.Text.Signals;
using Touchpoint.Core.Text.Topics;

namespace Touchpoint.Core.Text;

/// <summary>
/// One call for everything the text library knows: sentiment, emotions, signals, the workspace's topics
/// and its classifier's intents. An instance holds a workspace's compiled taxonomy and trained model, so
/// it is built once per taxonomy version and shared; it is immutable and thread-safe, and never throws.
/// </summary>
public sealed class TextAnalyzer(TopicRules topics, IntentClassifier? classifier = null)
{
    /// <summary>Longer texts are analysed on their first this many characters: a 1 MB paste must not hold an ingest thread.</summary>
    public const int MaxAnalyzedLength = 20_000;

    /// <summary>Classifier predictions below this confidence are not reported.</summary>
    public const double MinimumIntentConfidence = 0.5;

    /// <summary>The built-in customer-experience taxonomy, no classifier.</summary>
    public static TextAnalyzer Default { get; } = new(TopicRules.Compile(DefaultTaxonomy.CustomerExperience));

    public TopicRules Topics { get; } = topics;

    public IntentClassifier? Classifier { get; } = classifier;

    /// <summary>What a blank, empty or missing text gets: nothing found, not scored, no language.</summary>
    public static TextAnalysisResult Empty { get; } = new(null, false, SentimentScore.NotScored(null), [], [], [], []);

    /// <summary>
    /// Analyses one text: the language is decided once (by the sentiment engine), and a text that is not
    /// English is marked and not scored; the emotion and signal engines then share one tokenizing of it.
    /// Each engine runs behind its own guard, so a failure in one leaves the others' results standing.
    /// </summary>
    public TextAnalysisResult Analyze(string? text) => NeverThrows.Analyse(text, AnalyzeCore, Empty);

    private TextAnalysisResult AnalyzeCore(string text)
    {
        var input = Cut(text);
        var sentiment = SentimentAnalyzer.Score(input);
        if (!sentiment.Scored)
        {
            return new TextAnalysisResult(sentiment.Language, false, sentiment, [], [], [], []);
        }

        var cues = NeverThrows.Run(input, CueText.Of, null);
        var intent = NeverThrows.Run(input, t => Classifier?.Predict(t), null);
        return new TextAnalysisResult(
            sentiment.Language,
            true,
            sentiment,
            cues is null ? [] : NeverThrows.Run(cues, EmotionAnalyzer.DetectEnglish, []),
            cues is null ? [] : NeverThrows.Run(cues, SignalDetector.DetectEnglish, []),
            NeverThrows.Run(input, Topics.Match, []),
            intent is { Confidence: >= MinimumIntentConfidence } known && known.Label != IntentClassifier.UnknownLabel ? [known] : []);
    }

    /// <summary>The first <see cref="MaxAnalyzedLength"/> characters, never ending in half a surrogate pair.</summary>
    private static string Cut(string text) =>
        text.Length <= MaxAnalyzedLength ? text : text[..(char.IsHighSurrogate(text[MaxAnalyzedLength - 1]) ? MaxAnalyzedLength - 1 : MaxAnalyzedLength)];
}
