using Touchpoint.Core.Text;
using Touchpoint.Core.Text.Sentiment;

// Not Touchpoint.Tests.Text: that namespace would hide PageSession.Text(html), which the page tests call unqualified.
namespace Touchpoint.Tests.TextAnalysis.Sentiment;

/// <summary>Other languages are marked and left unscored, not mis-scored as English.</summary>
public sealed class LanguageTests
{
    [Theory]
    [InlineData("El servicio fue muy malo y el pedido llegó tarde, nunca más compro aquí.", "es")]
    [InlineData("Le service était très mauvais et la commande est arrivée en retard.", "fr")]
    [InlineData("Der Service war sehr schlecht und die Bestellung kam zu spät an.", "de")]
    [InlineData("Il servizio è stato pessimo e l'ordine è arrivato in ritardo.", "it")]
    [InlineData("O serviço foi muito ruim e o pedido chegou atrasado.", "pt")]
    [InlineData("De service was heel slecht en de bestelling kwam te laat.", "nl")]
    [InlineData("Обслуживание было ужасным, заказ пришёл поздно.", "ru")]
    [InlineData("服务很差，订单也迟到了。", "zh")]
    [InlineData("サービスはとても悪かったです。", "ja")]
    [InlineData("서비스가 너무 나빴어요.", "ko")]
    [InlineData("الخدمة كانت سيئة جدا", "ar")]
    public void Score_OtherLanguage_IsMarkedAndNotScored(string text, string language)
    {
        var score = SentimentAnalyzer.Score(text);

        Assert.False(score.Scored);
        Assert.Equal(language, score.Language);
        Assert.Equal(0, score.Compound);
        Assert.Equal("neutral", score.Label);
    }

    [Theory]
    [InlineData("LMAO, AMAZING!")]
    [InlineData("Two words that should die this year: Sexting and jeggings. Die die die")]
    [InlineData("The café's crème brûlée was superb.")]
    [InlineData("Great")]
    [InlineData("ok")]
    public void Score_EnglishIncludingSlangAndLoanWords_IsScoredAsEnglish(string text)
    {
        var score = SentimentAnalyzer.Score(text);

        Assert.True(score.Scored);
        Assert.Equal("en", score.Language);
    }

    [Fact]
    public void Score_EmojiOnly_IsScoredByItsEmojiWithNoLanguage()
    {
        var happy = SentimentAnalyzer.Score("😍😍🎉");
        var angry = SentimentAnalyzer.Score("😡👎");

        Assert.True(happy.Scored);
        Assert.Null(happy.Language);
        Assert.Equal("positive", happy.Label);
        Assert.Equal("negative", angry.Label);
    }

    [Fact]
    public void DetectLanguage_EnglishWithOneForeignWord_StaysEnglish()
    {
        Assert.Equal("en", TextInput.DetectLanguage("The delivery guy said gracias and left the parcel with the neighbour."));
    }
}
