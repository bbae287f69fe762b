using Touchpoint.Core.Text.Emotions;
using Touchpoint.Core.Text.Sentiment;
using Touchpoint.Core.Text.Signals;
using Touchpoint.Core.Text.Topics;

namespace Touchpoint.Core.Text;

/// <summary>
/// Everything the analyser found in one text. <see cref="Scored"/> is false when the text is empty or not
/// English (<see cref="Language"/> says what it looks like): every list is then empty and the sentiment
/// neutral, so other languages are marked rather than mis-scored. <see cref="Topics"/> come from the
/// workspace's taxonomy rules, <see cref="Intents"/> from its trained classifier (empty without one).
/// </summary>
public sealed record TextAnalysisResult(
    string? Language,
    bool Scored,
    SentimentScore Sentiment,
    IReadOnlyList<EmotionScore> Emotions,
    IReadOnlyList<Signal> Signals,
    IReadOnlyList<TopicMatch> Topics,
    IReadOnlyList<IntentPrediction> Intents);
