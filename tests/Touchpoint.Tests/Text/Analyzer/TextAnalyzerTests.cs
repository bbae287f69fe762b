using Touchpoint.Core.Text;
using Touchpoint.Core.Text.Emotions;
using Touchpoint.Core.Text.Signals;

namespace Touchpoint.Tests.TextAnalysis.Analyzer;

/// <summary>One call returns what the engines return on their own: the shared language check and
/// tokenizing change how often the work is done, not what is found.</summary>
public sealed class TextAnalyzerTests
{
    [Theory]
    [InlineData("I had to call three times and nobody could help. I'm cancelling my account today!")]
    [InlineData("Anna at the front desk was wonderful, thank you so much 😊")]
    [InlineData("Honestly I'm scared the payment went through twice, please fix this ASAP")]
    [InlineData("The delivery was fine.")]
    public void Analyze_EnglishText_MatchesEachEngineOnItsOwn(string text)
    {
        var result = TextAnalyzer.Default.Analyze(text);

        Assert.True(result.Scored);
        Assert.Equal(EmotionAnalyzer.Detect(text), result.Emotions);
        Assert.Equal(SignalDetector.Detect(text), result.Signals);
    }

    [Fact]
    public void Analyze_ChurnAndEffort_AreFoundInOneCall()
    {
        var result = TextAnalyzer.Default.Analyze("I had to call three times and I want to cancel my account.");

        Assert.Contains(result.Signals, s => s.Kind == SignalKinds.Churn);
        Assert.Contains(result.Signals, s => s.Kind == SignalKinds.Effort);
        Assert.Equal("negative", result.Sentiment.Label);
    }

    [Theory]
    [InlineData("Smelly van, broken seats, I'm furious and I'm cancelling my membership", true)]
    [InlineData("Je suis très déçu, je vais annuler mon abonnement", false)]
    public void EnginesAndAnalyzer_ShareOneLanguageDecision(string text, bool english)
    {
        var result = TextAnalyzer.Default.Analyze(text);

        Assert.Equal(english, result.Scored);
        Assert.Equal(english, EmotionAnalyzer.Detect(text).Count > 0);
        Assert.Equal(english, SignalDetector.Detect(text).Count > 0);
    }
}
