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

    public TextAnalysisResult Analyze(string? text)
    {
        var input = text is { Length: > MaxAnalyzedLength } ? text[..MaxAnalyzedLength] : text;
        var sentiment = SentimentAnalyzer.Score(input);
        if (!sentiment.Scored)
        {
            return new TextAnalysisResult(sentiment.Language, false, sentiment, [], [], [], []);
        }

        var intent = Classifier?.Predict(input);
        return new TextAnalysisResult(
            sentiment.Language,
            true,
            sentiment,
            EmotionAnalyzer.Detect(input),
            SignalDetector.Detect(input),
            Topics.Match(input),
            intent is { Confidence: >= MinimumIntentConfidence } known && known.Label != IntentClassifier.UnknownLabel ? [known] : []);
    }
}
