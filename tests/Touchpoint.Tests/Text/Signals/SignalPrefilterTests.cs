using Touchpoint.Core.Text.Emotions;
using Touchpoint.Core.Text.Signals;
using Touchpoint.Tests.TextAnalysis.Emotions;

namespace Touchpoint.Tests.TextAnalysis.Signals;

/// <summary>The anchor-word prefilter before each signal pattern (anchors at word starts) may only skip texts
/// the pattern would not match: checked on every labelled sentence, positive and negative, of every signal.</summary>
public sealed class SignalPrefilterTests
{
    [Fact]
    public void Anchors_EveryLabelledSentenceAPatternMatches_ContainsOneOfItsAnchors()
    {
        var misses = new List<string>();
        var checkedMatches = 0;
        foreach (var kind in SignalKinds.All)
        {
            foreach (var split in new[] { LabelledSet.Development, LabelledSet.HeldOut })
            {
                foreach (var (_, text) in LabelledSet.Load("Signals", split, kind).Sentences)
                {
                    var prepared = CueTokenizer.Prepare(text);
                    var candidates = SignalAnchors.Candidates(CueText.Of(text));
                    for (var index = 0; index < SignalPatterns.Rules.Length; index++)
                    {
                        var rule = SignalPatterns.Rules[index];
                        try
                        {
                            if (!rule.Pattern.IsMatch(prepared))
                            {
                                continue;
                            }
                        }
                        catch (IndexOutOfRangeException)
                        {
                            misses.Add($"throws {rule.Kind}: {text}");
                            continue;
                        }

                        checkedMatches++;
                        if ((candidates & (1u << index)) == 0)
                        {
                            misses.Add($"{rule.Kind} {rule.Pattern}: {text}");
                        }
                    }

                    if (SignalPatterns.Request().IsMatch(prepared) && (candidates & SignalAnchors.RequestBit) == 0)
                    {
                        misses.Add($"request: {text}");
                    }
                }
            }
        }

        Assert.True(checkedMatches > 300, $"only {checkedMatches} pattern matches checked");
        Assert.Empty(misses);
    }

    [Theory]
    [InlineData("My friend said the weekend was lovely.")]
    [InlineData("Someone phoned about the balance.")]
    public void Candidates_AnchorsInsideWords_SelectNoRule(string text)
    {
        // "end" in friend and weekend, "one" in someone and phoned, "out" in about: not word starts.
        Assert.Equal(0u, SignalAnchors.Candidates(CueText.Of(text)) & ~SignalAnchors.RequestBit);
    }

    [Theory]
    [InlineData("Lovely weather in the park with my dog.")]
    [InlineData("The blue jumper fits well.")]
    public void Detect_TextWithoutAnchors_FindsNothing(string text)
    {
        Assert.Empty(SignalDetector.Detect(text));
    }

    [Theory]
    [InlineData("I'm cancelling my order and my account.")]
    [InlineData("Please stop my direct debit and close all my accounts.")]
    public void Detect_CancelWithWordsBetween_IsChurnAndDoesNotThrowInsideTheRegex(string text)
    {
        // A lazy bounded group loop in the generated regex threw IndexOutOfRangeException on these, which the
        // never-throws guard turned into "no signal".
        Assert.Contains(SignalDetector.Detect(text), s => s.Kind == SignalKinds.Churn);
        foreach (var rule in SignalPatterns.Rules)
        {
            rule.Pattern.IsMatch(text);
        }
    }
}
