using Touchpoint.Core.Text.Signals;
using Touchpoint.Tests.TextAnalysis.Emotions;
using Xunit.Abstractions;

namespace Touchpoint.Tests.TextAnalysis.Signals;

/// <summary>The goal on the held-out sentences (Labelled/README.md): precision >= 0.9 and
/// recall >= 0.75 per signal. The report test prints both tables and every error.</summary>
public sealed class SignalLabelledSetTests(ITestOutputHelper output)
{
    public static TheoryData<string> Kinds => [.. SignalKinds.All];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Detect_HeldOutSentences_MeetsPrecisionAndRecallGoals(string kind)
    {
        var score = LabelledSet.Load("Signals", LabelledSet.HeldOut, kind).Evaluate(text => Finds(text, kind));

        output.WriteLine(string.Join('\n', score.Errors));
        Assert.True(score.Precision >= 0.9, $"{kind}: precision {score.Precision:0.000} < 0.9");
        Assert.True(score.Recall >= 0.75, $"{kind}: recall {score.Recall:0.000} < 0.75");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void LabelledSets_EachSignal_HasAtLeast100PositivesAnd40HardNegatives(string kind)
    {
        var dev = LabelledSet.Load("Signals", LabelledSet.Development, kind).Sentences;
        var heldOut = LabelledSet.Load("Signals", LabelledSet.HeldOut, kind).Sentences;

        Assert.True(dev.Concat(heldOut).Count(s => s.Positive) >= 100);
        Assert.True(dev.Concat(heldOut).Count(s => !s.Positive) >= 40);
        Assert.True(heldOut.Count > 1.5 * dev.Count, "about two thirds of the sentences are held out");
    }

    [Fact]
    public void Report_PrecisionAndRecallPerSignal_WrittenToTestOutput()
    {
        foreach (var split in new[] { LabelledSet.Development, LabelledSet.HeldOut })
        {
            var scores = SignalKinds.All.Select(k => LabelledSet.Load("Signals", split, k).Evaluate(text => Finds(text, k))).ToList();
            output.WriteLine(Score.Table($"signals, {split}", scores));
            foreach (var score in scores)
            {
                output.WriteLine($"{score.Class}:\n  " + string.Join("\n  ", score.Errors));
            }

            Assert.All(scores, s => Assert.True(s.TruePositives > 0));
        }
    }

    private static bool Finds(string text, string kind) => SignalDetector.Detect(text).Any(s => s.Kind == kind);
}
