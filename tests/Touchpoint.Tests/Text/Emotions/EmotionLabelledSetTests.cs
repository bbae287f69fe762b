using Touchpoint.Core.Text.Emotions;
using Xunit.Abstractions;

namespace Touchpoint.Tests.TextAnalysis.Emotions;

/// <summary>The goal on the held-out sentences (Labelled/README.md): precision >= 0.9 and
/// recall >= 0.75 per emotion. The report test prints both tables and every error.</summary>
public sealed class EmotionLabelledSetTests(ITestOutputHelper output)
{
    public static TheoryData<string> Emotions => [.. EmotionNames.All];

    [Theory]
    [MemberData(nameof(Emotions))]
    public void Detect_HeldOutSentences_MeetsPrecisionAndRecallGoals(string emotion)
    {
        var score = LabelledSet.Load("Emotions", LabelledSet.HeldOut, emotion).Evaluate(text => Finds(text, emotion));

        output.WriteLine(string.Join('\n', score.Errors));
        Assert.True(score.Precision >= 0.9, $"{emotion}: precision {score.Precision:0.000} < 0.9");
        Assert.True(score.Recall >= 0.75, $"{emotion}: recall {score.Recall:0.000} < 0.75");
    }

    [Theory]
    [MemberData(nameof(Emotions))]
    public void LabelledSets_EachEmotion_HasAtLeast100PositivesAnd40HardNegatives(string emotion)
    {
        var dev = LabelledSet.Load("Emotions", LabelledSet.Development, emotion).Sentences;
        var heldOut = LabelledSet.Load("Emotions", LabelledSet.HeldOut, emotion).Sentences;

        Assert.True(dev.Concat(heldOut).Count(s => s.Positive) >= 100);
        Assert.True(dev.Concat(heldOut).Count(s => !s.Positive) >= 40);
        Assert.True(heldOut.Count > 1.5 * dev.Count, "about two thirds of the sentences are held out");
    }

    [Fact]
    public void Report_PrecisionAndRecallPerEmotion_WrittenToTestOutput()
    {
        foreach (var split in new[] { LabelledSet.Development, LabelledSet.HeldOut })
        {
            var scores = EmotionNames.All.Select(e => LabelledSet.Load("Emotions", split, e).Evaluate(text => Finds(text, e))).ToList();
            output.WriteLine(Score.Table($"emotions, {split}", scores));
            foreach (var score in scores)
            {
                output.WriteLine($"{score.Class}:\n  " + string.Join("\n  ", score.Errors));
            }

            Assert.All(scores, s => Assert.True(s.TruePositives > 0));
        }
    }

    private static bool Finds(string text, string emotion) => EmotionAnalyzer.Detect(text).Any(e => e.Emotion == emotion);
}
