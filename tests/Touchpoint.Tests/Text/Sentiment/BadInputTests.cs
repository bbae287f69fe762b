using System.Text;
using Touchpoint.Core.Text.Sentiment;

// Not Touchpoint.Tests.Text: that namespace would hide PageSession.Text(html), which the page tests call unqualified.
namespace Touchpoint.Tests.TextAnalysis.Sentiment;

/// <summary>Whatever arrives on ingest, the analyser returns a score and never throws.</summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t\r\n  ")]
    [InlineData("!!!???...")]
    [InlineData("12345 67 8.9")]
    [InlineData("\0\u0001\u0002\u001b\u007f")]
    public void Score_NothingToScore_IsNotScoredAndNeutral(string? text)
    {
        var score = SentimentAnalyzer.Score(text);

        Assert.False(score.Scored);
        Assert.Equal(0, score.Compound);
        Assert.Equal("neutral", score.Label);
        Assert.Empty(score.Sentences);
    }

    [Fact]
    public void Score_OneMegabyteOfText_IsScoredOnItsHead()
    {
        var text = new StringBuilder();
        while (text.Length < 1_000_000)
        {
            text.Append("The delivery was late again and nobody answered my emails. ");
        }

        var score = SentimentAnalyzer.Score(text.ToString());

        Assert.True(score.Scored);
        Assert.Equal("negative", score.Label);
        Assert.All(score.Sentences, s => Assert.True(s.Start + s.Length <= SentimentEngine.MaxChars));
    }

    [Fact]
    public void Score_OneMegabyteWithoutSpaces_DoesNotThrow()
    {
        var score = SentimentAnalyzer.Score(new string('a', 1_000_000));

        Assert.InRange(score.Compound, -1, 1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Score_RandomBytesDecodedAsUtf8_DoesNotThrow(int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[20_000];
        random.NextBytes(bytes);

        var score = SentimentAnalyzer.Score(Encoding.UTF8.GetString(bytes));

        Assert.InRange(score.Compound, -1, 1);
        Assert.Contains(score.Label, new[] { "positive", "neutral", "negative" });
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Score_RandomCharsIncludingLoneSurrogates_DoesNotThrow(int seed)
    {
        var random = new Random(seed);
        var chars = new char[5_000];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)random.Next(0, 0x10000);
        }

        var score = SentimentAnalyzer.Score(new string(chars));

        Assert.InRange(score.Compound, -1, 1);
    }

    [Fact]
    public void Score_HighSurrogateAtTheCutOff_DoesNotThrow()
    {
        var text = new string('x', SentimentEngine.MaxChars - 1) + "😀😀";

        Assert.InRange(SentimentAnalyzer.Score(text).Compound, -1, 1);
    }

    [Theory]
    [InlineData("Great service 很好 отлично 👍")]
    [InlineData("Terrible :( ужасно 😡 but the agent was kind")]
    [InlineData("e\u0301\u0301\u0301 z\u0336a\u0336l\u0336g\u0336o\u0336 text")]
    [InlineData("👨‍👩‍👧‍👦🏳️‍🌈1️⃣🇫🇷")]
    [InlineData("\u200d\ufe0f\u20e3")]
    [InlineData("can't won't don't n't ' - -- '' ''' ")]
    [InlineData("not not not not not good")]
    [InlineData("but but but")]
    [InlineData("waited waited for for # # times times")]
    public void Score_MixedScriptsAndOddSequences_DoesNotThrow(string text)
    {
        var score = SentimentAnalyzer.Score(text);

        Assert.InRange(score.Compound, -1, 1);
        Assert.Equal(SentimentScore.LabelOf(score.Compound), score.Label);
    }

    [Fact]
    public void Score_ManyThreadsAtOnce_GiveTheSameScores()
    {
        var texts = new[] { "Great service!", "I waited 3 weeks and it is still not resolved.", "El servicio fue malo.", "😡", "" };
        var expected = texts.Select(t => SentimentAnalyzer.Score(t).Compound).ToArray();

        var results = new double[2_000];
        Parallel.For(0, results.Length, i => results[i] = SentimentAnalyzer.Score(texts[i % texts.Length]).Compound);

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(expected[i % texts.Length], results[i]);
        }
    }
}
