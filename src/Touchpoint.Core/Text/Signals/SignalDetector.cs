using System.Text.RegularExpressions;
using Touchpoint.Core.Text.Emotions;

namespace Touchpoint.Core.Text.Signals;

/// <summary>
/// Finds what a customer's text asks the team to act on: churn intent, high effort, urgency, and
/// praise or complaints about a person on the team. Phrase rules (<see cref="SignalPatterns"/>) for
/// the first three, a token scan (<see cref="EmployeeMentions"/>) for people. At most one signal per
/// kind and person, the most confident. Pure and thread-safe; never throws; non-English text returns
/// nothing.
/// </summary>
/// <remarks>
/// Averted churn is not churn: "I almost cancelled but you fixed it", "I was going to switch but the
/// agent convinced me to stay" say the risk is over, so they return nothing (the sentiment and the
/// praise still show that the save happened).
/// </remarks>
public static class SignalDetector
{
    private const int GuardWords = 3;

    public static IReadOnlyList<Signal> Detect(string? text) =>
        NeverThrows.Analyse(text, t => CueText.IsScorable(t) ? DetectEnglish(CueText.Of(t)) : [], []);

    /// <summary>The signals of a text whose language is already decided (English or no letters), as
    /// <see cref="TextAnalyzer"/> calls it: no second language check, no second tokenizing.</summary>
    internal static IReadOnlyList<Signal> DetectEnglish(CueText text)
    {
        var (prepared, lower, tokens) = (text.Prepared, text.Lower, text.Tokens);
        var signals = new List<Signal>(2);
        var candidates = SignalAnchors.Candidates(text);
        for (var rule = 0; rule < SignalPatterns.Rules.Length; rule++)
        {
            var (kind, confidence, guarded, needsRequest, _, pattern) = SignalPatterns.Rules[rule];
            if ((candidates & (1u << rule)) == 0 || (needsRequest && (candidates & SignalAnchors.RequestBit) == 0) || Has(signals, kind))
            {
                continue;
            }

            foreach (var match in pattern.EnumerateMatches(prepared))
            {
                if (Accept(kind, prepared, lower, match, guarded, needsRequest))
                {
                    signals.Add(new Signal(kind, confidence, prepared.Substring(match.Index, match.Length), null));
                    break;
                }
            }
        }

        EmployeeMentions.Find(prepared, lower, tokens, signals);
        return signals;
    }

    private static bool Has(List<Signal> signals, string kind)
    {
        foreach (var signal in signals)
        {
            if (signal.Kind == kind)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Accept(string kind, string text, string lower, ValueMatch match, bool guarded, bool needsRequest)
    {
        var (start, end) = Sentence(text, match.Index, match.Index + match.Length);
        if (guarded && GuardedBefore(lower, start, match.Index, averted: kind == SignalKinds.Churn))
        {
            return false;
        }

        var sentence = text.AsSpan(start, end - start);
        if (needsRequest && !SignalPatterns.Request().IsMatch(sentence))
        {
            return false;
        }

        return kind != SignalKinds.Churn || !SignalPatterns.Staying().IsMatch(sentence);
    }

    /// <summary>The sentence around a match: from the last . ! ? or new line before it to the next after it.</summary>
    private static (int Start, int End) Sentence(string text, int from, int to)
    {
        var start = from;
        while (start > 0 && text[start - 1] is not ('.' or '!' or '?' or '\n'))
        {
            start--;
        }

        var end = to;
        while (end < text.Length && text[end] is not ('.' or '!' or '?' or '\n'))
        {
            end++;
        }

        return (start, end);
    }

    /// <summary>A negation ("would never", "no need to", "not") or an averted intent ("almost", "nearly",
    /// "was going to", "thought about") among the few words before the match, within its clause.</summary>
    private static bool GuardedBefore(string lower, int sentenceStart, int matchStart, bool averted)
    {
        var end = matchStart;
        for (var n = 0; n < GuardWords; n++)
        {
            while (end > sentenceStart && !char.IsLetterOrDigit(lower[end - 1]))
            {
                if (lower[end - 1] is ',' or ';' or ':')
                {
                    return false;
                }

                end--;
            }

            var start = end;
            while (start > sentenceStart && (char.IsLetterOrDigit(lower[start - 1]) || lower[start - 1] == '\''))
            {
                start--;
            }

            if (start == end)
            {
                return false;
            }

            var word = lower.AsSpan(start, end - start);
            if (word is "but")
            {
                return false;
            }

            if (CueTokenizer.IsNegation(word) || (averted && word is "almost" or "nearly" or "was" or "were" or "thought" or "considered"))
            {
                return true;
            }

            end = start;
        }

        return false;
    }
}
