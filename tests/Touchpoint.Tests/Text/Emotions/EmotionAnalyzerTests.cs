using Touchpoint.Core.Text.Emotions;

namespace Touchpoint.Tests.TextAnalysis.Emotions;

public sealed class EmotionAnalyzerTests
{
    [Theory]
    [InlineData("I'm so happy with my order", EmotionNames.Joy)]
    [InlineData("Over the moon with the new kitchen", EmotionNames.Joy)]
    [InlineData("I trust you to get it right", EmotionNames.Trust)]
    [InlineData("Rest assured, I'll be back", EmotionNames.Trust)]
    [InlineData("Fed up with the excuses", EmotionNames.Anger)]
    [InlineData("I feel let down", EmotionNames.Sadness)]
    [InlineData("Worried about my order", EmotionNames.Fear)]
    [InlineData("Wow, I didn't expect that", EmotionNames.Surprise)]
    [InlineData("The room was filthy", EmotionNames.Disgust)]
    [InlineData("Can't wait to try it", EmotionNames.Anticipation)]
    [InlineData("Smelly van.", EmotionNames.Disgust)]
    [InlineData("Wait, what? It was cancelled?", EmotionNames.Surprise)]
    public void Detect_CustomerServicePhrase_FindsItsEmotion(string text, string emotion)
    {
        Assert.Contains(EmotionAnalyzer.Detect(text), e => e.Emotion == emotion);
    }

    [Theory]
    [InlineData("I'm not happy with the delivery", EmotionNames.Joy)]
    [InlineData("I'm not worried, take your time", EmotionNames.Fear)]
    [InlineData("I don't trust you anymore", EmotionNames.Trust)]
    [InlineData("No surprise there, late again", EmotionNames.Surprise)]
    [InlineData("I'm not looking forward to calling again", EmotionNames.Anticipation)]
    [InlineData("Never disappointed with your service", EmotionNames.Sadness)]
    public void Detect_NegatedCue_DoesNotFindTheEmotion(string text, string emotion)
    {
        Assert.DoesNotContain(EmotionAnalyzer.Detect(text), e => e.Emotion == emotion);
    }

    [Fact]
    public void Detect_Intensifier_RaisesIntensity()
    {
        var plain = Intensity("I am angry about the bill", EmotionNames.Anger);
        var strong = Intensity("I am extremely angry about the bill", EmotionNames.Anger);

        Assert.True(strong > plain, $"{strong} <= {plain}");
    }

    [Fact]
    public void Detect_DampenerAndContrast_LowerIntensity()
    {
        Assert.True(Intensity("I'm a bit nervous about the visit", EmotionNames.Fear) < Intensity("I'm nervous about the visit", EmotionNames.Fear));
        Assert.True(Intensity("I was happy at first but the box was damaged", EmotionNames.Joy) < Intensity("I was happy at first", EmotionNames.Joy));
    }

    [Fact]
    public void Detect_CapitalsAndExclamations_RaiseIntensity()
    {
        Assert.True(Intensity("I am FURIOUS", EmotionNames.Anger) > Intensity("I am furious", EmotionNames.Anger));
        Assert.True(Intensity("I am annoyed!!!", EmotionNames.Anger) > Intensity("I am annoyed", EmotionNames.Anger));
    }

    [Theory]
    [InlineData("😡", EmotionNames.Anger)]
    [InlineData("😢", EmotionNames.Sadness)]
    [InlineData("😍", EmotionNames.Joy)]
    [InlineData("😱", EmotionNames.Fear)]
    [InlineData("🤢", EmotionNames.Disgust)]
    [InlineData("the parcel 😮", EmotionNames.Surprise)]
    public void Detect_Emoji_FindsItsEmotion(string text, string emotion)
    {
        Assert.Contains(EmotionAnalyzer.Detect(text), e => e.Emotion == emotion);
    }

    [Fact]
    public void Detect_SeveralEmotions_OrderedByIntensityWithinRange()
    {
        var emotions = EmotionAnalyzer.Detect("I'm furious and a little worried that my refund will never come");

        Assert.Equal(EmotionNames.Anger, emotions[0].Emotion);
        Assert.Contains(emotions, e => e.Emotion == EmotionNames.Fear);
        Assert.All(emotions, e => Assert.InRange(e.Intensity, EmotionAnalyzer.ReportThreshold, 1.0));
        Assert.Equal(emotions.OrderByDescending(e => e.Intensity), emotions);
    }

    [Theory]
    [InlineData("Estoy muy enfadado, el pedido llegó tarde y es horrible")]
    [InlineData("Je suis très déçu, le service est horrible")]
    [InlineData("Ich bin sehr wütend, die Lieferung war schrecklich")]
    [InlineData("Я очень зол, заказ опоздал")]
    [InlineData("我非常生气，订单迟到了")]
    [InlineData("注文が遅れてとても悲しいです")]
    public void Detect_OtherLanguage_ReturnsNothing(string text)
    {
        Assert.Empty(EmotionAnalyzer.Detect(text));
    }

    [Theory]
    [MemberData(nameof(BadInput.Texts), MemberType = typeof(BadInput))]
    public void Detect_BadInput_NeverThrows(string? text)
    {
        var emotions = EmotionAnalyzer.Detect(text!);

        Assert.All(emotions, e => Assert.InRange(e.Intensity, 0.0, 1.0));
    }

    [Fact]
    public void Detect_ManyThreadsAtOnce_SameResultsAsOneThread()
    {
        var texts = new[] { "I'm so happy!", "Absolutely furious 😡", "Worried about my order", "Not happy at all", "Can't wait to see it" };
        var expected = texts.Select(t => string.Join(',', EmotionAnalyzer.Detect(t))).ToArray();
        var results = new string[2000];

        Parallel.For(0, results.Length, i => results[i] = string.Join(',', EmotionAnalyzer.Detect(texts[i % texts.Length])));

        Assert.All(Enumerable.Range(0, results.Length), i => Assert.Equal(expected[i % texts.Length], results[i]));
    }

    private static double Intensity(string text, string emotion) =>
        EmotionAnalyzer.Detect(text).Single(e => e.Emotion == emotion).Intensity;
}
