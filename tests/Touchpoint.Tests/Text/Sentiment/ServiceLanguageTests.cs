using Touchpoint.Core.Text.Sentiment;

// Not Touchpoint.Tests.Text: that namespace would hide PageSession.Text(html), which the page tests call unqualified.
namespace Touchpoint.Tests.TextAnalysis.Sentiment;

/// <summary>
/// Customer-service language: the VADER rules alone (the same rules on the same lexicon, without the
/// project's additions) score each sentence here neutral or barely the right way; the analyser moves it
/// clearly the right way.
/// </summary>
public sealed class ServiceLanguageTests
{
    private static readonly SentimentEngine PlainVader = new(SentimentSettings.PlainVader);

    [Theory]
    [InlineData("I have waited 3 weeks for my order.")]
    [InlineData("We waited for over an hour.")]
    [InlineData("I am still waiting for the parcel.")]
    [InlineData("I was on hold for 45 minutes.")]
    [InlineData("They kept me on hold.")]
    [InlineData("The issue is still not resolved.")]
    [InlineData("My ticket has not been fixed yet.")]
    [InlineData("Still no refund.")]
    [InlineData("I asked for a refund.")]
    [InlineData("I am going to cancel my account.")]
    [InlineData("I want to cancel my subscription.")]
    [InlineData("I had to call again.")]
    [InlineData("I called them four times.")]
    [InlineData("I was transferred three times.")]
    [InlineData("No one got back to me.")]
    [InlineData("Nobody called me back.")]
    [InlineData("I never heard back from anyone.")]
    [InlineData("I haven't received my package.")]
    [InlineData("The card reader doesn't work.")]
    [InlineData("It took forever to get an answer.")]
    [InlineData("I had to explain my issue again.")]
    [InlineData("I was charged twice.")]
    public void Score_ServiceComplaint_IsNegativeWherePlainVaderIsNot(string text)
    {
        var plain = PlainVader.Score(text).Compound;
        var ours = SentimentAnalyzer.Score(text).Compound;

        Assert.True(ours <= -0.25, $"ours: {ours}");
        Assert.True(ours < plain - 0.2, $"ours {ours}, plain VADER {plain}");
    }

    [Theory]
    [InlineData("Everything was delivered as described.")]
    [InlineData("They fixed it quickly.")]
    [InlineData("My issue was resolved right away.")]
    [InlineData("Speedy delivery.")]
    [InlineData("They got back to me within the hour.")]
    [InlineData("Delivered on time.")]
    [InlineData("Sorted on the first call.")]
    [InlineData("The agent went above and beyond.")]
    [InlineData("They kept me informed all along.")]
    public void Score_ServicePraise_IsPositiveWherePlainVaderIsNot(string text)
    {
        var plain = PlainVader.Score(text).Compound;
        var ours = SentimentAnalyzer.Score(text).Compound;

        Assert.True(ours >= 0.25, $"ours: {ours}");
        Assert.True(ours > plain + 0.2, $"ours {ours}, plain VADER {plain}");
    }

    [Theory]
    [InlineData("I have waited 3 weeks for my order.")]
    [InlineData("I was on hold for 45 minutes.")]
    [InlineData("I called them four times.")]
    [InlineData("I haven't received my package.")]
    [InlineData("The card reader doesn't work.")]
    [InlineData("It took forever to get an answer.")]
    [InlineData("Delivered on time.")]
    [InlineData("They got back to me within the hour.")]
    public void Score_ServicePhraseWithoutSentimentWords_IsNeutralToPlainVader(string text)
    {
        Assert.Equal("neutral", PlainVader.Score(text).Label);
        Assert.NotEqual("neutral", SentimentAnalyzer.Score(text).Label);
    }

    [Fact]
    public void Score_NegatedServicePhrase_FlipsLikeAWord()
    {
        Assert.True(SentimentAnalyzer.Score("I did not have to call again.").Compound > 0);
        Assert.True(SentimentAnalyzer.Score("It did not arrive as promised.").Compound < 0);
    }

    [Fact]
    public void Score_WaitingAndUnresolved_OutweighAPoliteThanks()
    {
        var score = SentimentAnalyzer.Score("Thanks, but I have waited 3 weeks and it is still not resolved.");

        Assert.Equal("negative", score.Label);
    }

    [Fact]
    public void Score_CurlyApostrophe_ReadsLikeAStraightOne()
    {
        Assert.Equal(SentimentAnalyzer.Score("I haven't received my package.").Compound, SentimentAnalyzer.Score("I haven\u2019t received my package.").Compound, 6);
    }
}
