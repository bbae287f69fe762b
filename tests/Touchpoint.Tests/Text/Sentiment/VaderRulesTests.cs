using Touchpoint.Core.Text.Sentiment;

// Not Touchpoint.Tests.Text: that namespace would hide PageSession.Text(html), which the page tests call unqualified.
namespace Touchpoint.Tests.TextAnalysis.Sentiment;

/// <summary>The VADER rules, one at a time: each test changes one thing in a sentence and checks the score moves the right way.</summary>
public sealed class VaderRulesTests
{
    private static double Compound(string text) => SentimentAnalyzer.Score(text).Compound;

    [Fact]
    public void Score_PositiveWord_IsPositiveAndLabelledSo()
    {
        var score = SentimentAnalyzer.Score("The staff were helpful.");

        Assert.True(score.Compound >= 0.05);
        Assert.Equal("positive", score.Label);
        Assert.True(score.Scored);
        Assert.Equal("en", score.Language);
    }

    [Fact]
    public void Score_NegativeWord_IsNegativeAndLabelledSo()
    {
        var score = SentimentAnalyzer.Score("The staff were rude.");

        Assert.True(score.Compound <= -0.05);
        Assert.Equal("negative", score.Label);
    }

    [Fact]
    public void Score_NoSentimentWords_IsNeutral()
    {
        var score = SentimentAnalyzer.Score("The parcel is on the table.");

        Assert.Equal(0, score.Compound);
        Assert.Equal("neutral", score.Label);
        Assert.Equal(1, score.Neutral, 3);
    }

    [Fact]
    public void Score_SharesOfPositiveNegativeNeutral_AddUpToOne()
    {
        var score = SentimentAnalyzer.Score("The food was great but the service was terribly slow!");

        Assert.Equal(1, score.Positive + score.Negative + score.Neutral, 6);
        Assert.True(score.Positive > 0 && score.Negative > 0 && score.Neutral > 0);
    }

    [Theory]
    [InlineData("The app is good.", "The app is not good.")]
    [InlineData("The app is good.", "The app isn't good.")]
    [InlineData("The app is good.", "The app is never good.")]
    public void Score_Negation_FlipsPositiveToNegative(string plain, string negated)
    {
        Assert.True(Compound(plain) > 0);
        Assert.True(Compound(negated) < 0);
    }

    [Fact]
    public void Score_NegationWithinThreeWords_StillFlips()
    {
        Assert.True(Compound("It was not at all good.") < 0);
    }

    [Fact]
    public void Score_NegatedNegative_IsLessNegativeThanThePlainNegative()
    {
        Assert.True(Compound("The wait was not bad.") > Compound("The wait was bad."));
        Assert.True(Compound("The wait was not bad.") > 0);
    }

    [Fact]
    public void Score_Booster_RaisesIntensity()
    {
        Assert.True(Compound("The support was very good.") > Compound("The support was good."));
        Assert.True(Compound("The support was extremely bad.") < Compound("The support was bad."));
    }

    [Fact]
    public void Score_Dampener_LowersIntensity()
    {
        Assert.True(Compound("The support was slightly good.") < Compound("The support was good."));
        Assert.True(Compound("The support was kind of good.") < Compound("The support was good."));
    }

    [Fact]
    public void Score_KindOf_IsNotTheWordKind()
    {
        // "kind" alone is positive; in "kind of" it only dampens what follows.
        Assert.Equal(0, new SentimentEngine(SentimentSettings.PlainVader).Score("It is kind of a box.").Compound);
        Assert.True(Compound("She was kind.") > 0);
    }

    [Fact]
    public void Score_But_WeighsTheClauseAfterItMore()
    {
        var praiseThenComplaint = Compound("The food was great, but the service was horrible.");
        var complaintThenPraise = Compound("The service was horrible, but the food was great.");

        Assert.True(praiseThenComplaint < 0);
        Assert.True(complaintThenPraise > 0);
    }

    [Fact]
    public void Score_AllCapsWordAmongLowerCase_IsEmphasised()
    {
        Assert.True(Compound("The service was GREAT.") > Compound("The service was great."));
        Assert.True(Compound("The service was TERRIBLE.") < Compound("The service was terrible."));
    }

    [Fact]
    public void Score_WholeTextInCaps_IsNotEmphasised()
    {
        Assert.Equal(Compound("the service was great"), Compound("THE SERVICE WAS GREAT"), 6);
    }

    [Fact]
    public void Score_ExclamationMarks_AddEmphasisUpToFour()
    {
        var one = Compound("The service was great!");
        var three = Compound("The service was great!!!");
        var four = Compound("The service was great!!!!");
        var eight = Compound("The service was great!!!!!!!!");

        Assert.True(Compound("The service was great.") < one);
        Assert.True(one < three && three < four);
        Assert.Equal(four, eight, 6);
        Assert.True(Compound("The service was awful!!!") < Compound("The service was awful."));
    }

    [Fact]
    public void Score_SeveralQuestionMarks_AddEmphasis()
    {
        Assert.True(Compound("Is this a bad joke???") < Compound("Is this a bad joke?"));
    }

    [Theory]
    [InlineData("Delivered today :)", true)]
    [InlineData("Delivered today :-(", false)]
    [InlineData("Delivered today <3", true)]
    [InlineData("Delivered today 😍", true)]
    [InlineData("Delivered today 👍🏽", true)]
    [InlineData("Delivered today 😡", false)]
    [InlineData("Delivered today 💔", false)]
    public void Score_EmoticonsAndEmoji_CarrySentiment(string text, bool positive)
    {
        var compound = Compound(text);

        Assert.True(positive ? compound > 0.05 : compound < -0.05, $"{text}: {compound}");
    }

    [Fact]
    public void Score_Idiom_ScoresAsTheIdiomNotItsWords()
    {
        Assert.True(Compound("This phone is the shit.") > 0.5);
        Assert.True(Compound("Oh yeah right, fast delivery.") < Compound("Oh yeah, fast delivery."));
        Assert.True(Compound("That update was the kiss of death for the app.") < 0);
    }

    [Fact]
    public void Score_Least_NegatesButAtLeastDoesNot()
    {
        Assert.True(Compound("The least helpful agent I have met.") < 0);
        Assert.True(Compound("At least helpful.") > 0);
    }

    [Fact]
    public void Score_NeverSo_AmplifiesInsteadOfNegating()
    {
        Assert.True(Compound("I have never been so happy with an order.") > Compound("I have been happy with an order."));
    }

    [Fact]
    public void Score_WithoutDoubt_DoesNotNegate()
    {
        Assert.True(Compound("Without a doubt the best shop in town.") > 0);
    }

    [Fact]
    public void Score_NoBeforeSentimentWord_NegatesIt()
    {
        Assert.True(Compound("There were no problems at all.") > 0);
    }

    [Fact]
    public void Score_TwoSentences_EachGetsItsOwnScoreAndOffsets()
    {
        const string text = "The delivery was great. The box was damaged and the product broken!";

        var score = SentimentAnalyzer.Score(text);

        Assert.Equal(2, score.Sentences.Count);
        Assert.Equal("positive", score.Sentences[0].Label);
        Assert.Equal("negative", score.Sentences[1].Label);
        Assert.Equal("The delivery was great.", text.Substring(score.Sentences[0].Start, score.Sentences[0].Length));
        Assert.StartsWith("The box", text[score.Sentences[1].Start..], StringComparison.Ordinal);
    }

    [Fact]
    public void Score_ManyStrongWords_StaysWithinMinusOneAndOne()
    {
        var score = SentimentAnalyzer.Score(string.Concat(Enumerable.Repeat("Amazing, wonderful, excellent, perfect! ", 200)));

        Assert.InRange(score.Compound, 0.9, 1);
        Assert.InRange(SentimentAnalyzer.Score(string.Concat(Enumerable.Repeat("Horrible, awful, terrible! ", 200))).Compound, -1, -0.9);
    }
}
