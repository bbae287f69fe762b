using System.Collections.Frozen;
using Touchpoint.Core.Text.Emotions;

namespace Touchpoint.Core.Text.Signals;

/// <summary>
/// Which signal rules can match a text, found in one pass over its words before any regex runs. Every
/// match of a rule's pattern contains one of the rule's anchors at the start of a word (or of a part of a
/// hyphenated word: "time-sensitive"), so a rule whose anchors start no word is skipped. Matching at word
/// starts, not anywhere, is what makes this selective: "end" no longer lets "friend" through, nor "one"
/// "phone". The few anchors that are not words ("a.s.a.p", an emoji) are searched as substrings.
/// A test checks the promise on every labelled sentence.
/// </summary>
internal static class SignalAnchors
{
    /// <summary>The bit set when the text holds a request word (<see cref="SignalPatterns.RequestAnchors"/>).</summary>
    public const uint RequestBit = 1u << 31;

    private const int KeyLength = 3;

    private static readonly FrozenDictionary<string, (string Anchor, uint Rules)[]> ByKey;
    private static readonly FrozenDictionary<string, (string Anchor, uint Rules)[]>.AlternateLookup<ReadOnlySpan<char>> Lookup;
    private static readonly (string Anchor, uint Rules)[] NotWords;

    static SignalAnchors()
    {
        var words = new Dictionary<string, uint>(StringComparer.Ordinal);
        var notWords = new Dictionary<string, uint>(StringComparer.Ordinal);
        for (var i = 0; i < SignalPatterns.Rules.Length; i++)
        {
            Add(SignalPatterns.Rules[i].Anchors, 1u << i, words, notWords);
        }

        Add(SignalPatterns.RequestAnchors, RequestBit, words, notWords);
        ByKey = words
            .GroupBy(w => w.Key[..Math.Min(KeyLength, w.Key.Length)], StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(w => (w.Key, w.Value)).ToArray(), StringComparer.Ordinal);
        Lookup = ByKey.GetAlternateLookup<ReadOnlySpan<char>>();
        NotWords = notWords.Select(w => (w.Key, w.Value)).ToArray();
    }

    /// <summary>A bit per rule of <see cref="SignalPatterns.Rules"/> that may match, and <see cref="RequestBit"/>.</summary>
    public static uint Candidates(CueText text)
    {
        var lower = text.Lower;
        uint found = 0;
        foreach (var token in text.Tokens)
        {
            if (token.Kind != CueKind.Word)
            {
                continue;
            }

            var word = lower.AsSpan(token.Start, token.Length);
            found |= AtStart(word);
            for (var i = 1; i < word.Length - 1; i++)
            {
                if (word[i] is '-' or '\'')
                {
                    found |= AtStart(word[(i + 1)..]);
                }
            }
        }

        foreach (var (anchor, rules) in NotWords)
        {
            if ((found & rules) != rules && lower.Contains(anchor, StringComparison.Ordinal))
            {
                found |= rules;
            }
        }

        return found;
    }

    private static uint AtStart(ReadOnlySpan<char> word)
    {
        uint found = 0;
        for (var length = 1; length <= Math.Min(KeyLength, word.Length); length++)
        {
            if (!Lookup.TryGetValue(word[..length], out var anchors))
            {
                continue;
            }

            foreach (var (anchor, rules) in anchors)
            {
                if ((length == KeyLength || anchor.Length == length) && word.StartsWith(anchor, StringComparison.Ordinal))
                {
                    found |= rules;
                }
            }
        }

        return found;
    }

    private static void Add(string anchors, uint rules, Dictionary<string, uint> words, Dictionary<string, uint> notWords)
    {
        foreach (var anchor in anchors.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var target = anchor.All(c => char.IsLetterOrDigit(c) || c is '-' or '\'') ? words : notWords;
            target[anchor] = target.GetValueOrDefault(anchor) | rules;
        }
    }
}
