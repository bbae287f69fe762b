using System.Text;
using Touchpoint.Core.Text;
using Touchpoint.Tests.TextAnalysis.Emotions;

// Not Touchpoint.Tests.Text: that namespace would hide PageSession.Text(html), which the page tests call unqualified.
namespace Touchpoint.Tests.TextAnalysis.Analyzer;

/// <summary>Whatever arrives on ingest, one call to the analyser returns a result and never throws; other
/// languages are detected and marked, not scored.</summary>
public sealed class TextAnalyzerBadInputTests
{
    public static TheoryData<string?> BadTexts => BadInput.Texts();

    [Theory]
    [MemberData(nameof(BadTexts))]
    public void Analyze_BadInput_ReturnsAResultWithoutThrowing(string? text)
    {
        var result = TextAnalyzer.Default.Analyze(text);

        Assert.NotNull(result);
        Assert.InRange(result.Sentiment.Compound, -1, 1);
        Assert.All(result.Emotions, e => Assert.InRange(e.Intensity, 0, 1));
        if (!result.Scored)
        {
            Assert.Empty(result.Emotions);
            Assert.Empty(result.Signals);
            Assert.Empty(result.Topics);
            Assert.Empty(result.Intents);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t\r\n  ")]
    public void Analyze_EmptyOrBlank_IsNotScoredAndHasNoLanguage(string? text)
    {
        var result = TextAnalyzer.Default.Analyze(text);

        Assert.False(result.Scored);
        Assert.Null(result.Language);
        Assert.Equal("neutral", result.Sentiment.Label);
    }

    [Fact]
    public void Analyze_OneMegabyte_IsAnalysedOnItsHead()
    {
        var text = new StringBuilder();
        while (text.Length < 1_000_000)
        {
            text.Append("I had to call three times and I want to cancel my account. ");
        }

        var result = TextAnalyzer.Default.Analyze(text.ToString());

        Assert.True(result.Scored);
        Assert.Equal("negative", result.Sentiment.Label);
        Assert.Contains(result.Signals, s => s.Kind == "churn");
        Assert.All(result.Sentiment.Sentences, s => Assert.True(s.Start + s.Length <= TextAnalyzer.MaxAnalyzedLength));
    }

    [Fact]
    public void Analyze_SurrogatePairAtTheCut_DoesNotLeaveHalfAPair()
    {
        var text = new string('a', TextAnalyzer.MaxAnalyzedLength - 1) + "😡 and more text after the cut";

        var result = TextAnalyzer.Default.Analyze(text);

        Assert.InRange(result.Sentiment.Compound, -1, 1);
    }

    [Theory]
    [InlineData("\0\u0001\u0002\u001b\u007f great \u0007 service")]
    [InlineData("Thanks \uD83D for the \uDE00 quick refund")]
    public void Analyze_ControlCharactersOrLoneSurrogates_StillScoresTheWords(string text)
    {
        var result = TextAnalyzer.Default.Analyze(text);

        Assert.True(result.Scored);
        Assert.Equal("positive", result.Sentiment.Label);
    }

    [Fact]
    public void Analyze_EmojiOnly_IsScoredFromTheEmoji()
    {
        var result = TextAnalyzer.Default.Analyze("😡😡🤬");

        Assert.True(result.Scored);
        Assert.Null(result.Language);
        Assert.Equal("negative", result.Sentiment.Label);
        Assert.Contains(result.Emotions, e => e.Emotion == "anger");
    }

    [Theory]
    [InlineData("Le service était horrible et je suis très déçu, je vais annuler mon abonnement.", "fr")]
    [InlineData("El servicio fue horrible y estoy muy decepcionado con la empresa, quiero cancelar.", "es")]
    [InlineData("Der Service war schrecklich und ich bin sehr enttäuscht, ich will kündigen.", "de")]
    [InlineData("Обслуживание было ужасным, я хочу отменить подписку.", "ru")]
    [InlineData("服务太差了，我要取消订阅。", "zh")]
    public void Analyze_OtherLanguage_IsDetectedAndMarkedNotScored(string text, string language)
    {
        var result = TextAnalyzer.Default.Analyze(text);

        Assert.False(result.Scored);
        Assert.Equal(language, result.Language);
        Assert.Equal(0, result.Sentiment.Compound);
        Assert.Empty(result.Emotions);
        Assert.Empty(result.Signals);
        Assert.Empty(result.Topics);
    }

    [Fact]
    public void Analyze_EnglishWithAFewWordsOfAnotherScript_IsScoredAsEnglish()
    {
        var result = TextAnalyzer.Default.Analyze("The staff were wonderful and the refund came quickly, спасибо!");

        Assert.True(result.Scored);
        Assert.Equal("en", result.Language);
        Assert.Equal("positive", result.Sentiment.Label);
    }

    [Fact]
    public void Analyze_EnglishHeadlineWithALink_IsEnglish()
    {
        var result = TextAnalyzer.Default.Analyze("Louisiana income tax repeal advances http://example.com/news/tax_repeal");

        Assert.True(result.Scored);
        Assert.Equal("en", result.Language);
    }
}
