using System.Collections.Frozen;

namespace Touchpoint.Core.Text.Sentiment;

/// <summary>
/// One phrase pattern (syntax in <see cref="ServicePhrases"/>) compiled into elements, matched against a
/// sentence's words without allocating.
/// </summary>
internal sealed class PhraseRule
{
    private readonly Element[] _elements;

    private PhraseRule(Element[] elements, double valence)
    {
        _elements = elements;
        Valence = valence;
    }

    public double Valence { get; }

    /// <summary>The words the first element can start with: the index the matcher looks rules up by ("#" for any number).</summary>
    public IEnumerable<string> FirstWords => _elements[0].Alternatives.Select(a => a[0]).Concat(_elements[0].IsCount ? [NumberKey] : []);

    public const string NumberKey = "#";

    public static PhraseRule Parse(string pattern, double valence, string[] countWords)
    {
        var elements = pattern.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var optional = part.StartsWith('?');
            var body = optional ? part[1..] : part;
            var alternatives = body == "#" ? countWords : body.Split('|');
            return new Element(alternatives.Select(a => a.Split('_')).ToArray(), optional, body == "#");
        }).ToArray();
        if (elements.Length == 0 || elements[0].Optional)
        {
            throw new ArgumentException($"A phrase must start with a required word: '{pattern}'.", nameof(pattern));
        }

        return new PhraseRule(elements, valence);
    }

    /// <summary>How many words, from <paramref name="start"/>, the longest match covers; 0 when it does not match.</summary>
    public int Match(ReadOnlySpan<char> text, ReadOnlySpan<SentenceWord> words, int start)
    {
        var end = Match(text, words, start, 0);
        return end < 0 ? 0 : end - start;
    }

    private int Match(ReadOnlySpan<char> text, ReadOnlySpan<SentenceWord> words, int position, int element)
    {
        if (element == _elements.Length)
        {
            return position;
        }

        var e = _elements[element];
        var best = -1;
        if (e.IsCount && position < words.Length && words[position].Kind == TextTokenKind.Number)
        {
            best = Math.Max(best, Match(text, words, position + 1, element + 1));
        }

        foreach (var alternative in e.Alternatives)
        {
            if (position + alternative.Length > words.Length)
            {
                continue;
            }

            var matches = true;
            for (var k = 0; k < alternative.Length && matches; k++)
            {
                matches = words[position + k].Is(text, alternative[k]);
            }

            if (matches)
            {
                best = Math.Max(best, Match(text, words, position + alternative.Length, element + 1));
            }
        }

        if (e.Optional)
        {
            best = Math.Max(best, Match(text, words, position, element + 1));
        }

        return best;
    }

    private sealed record Element(string[][] Alternatives, bool Optional, bool IsCount);
}

/// <summary>The phrase rules indexed by their first word, so each word of a sentence costs one lookup.</summary>
internal sealed class PhraseIndex
{
    private readonly FrozenDictionary<string, PhraseRule[]>.AlternateLookup<ReadOnlySpan<char>> _byFirstWord;

    public PhraseIndex(IEnumerable<PhraseRule> rules)
    {
        var index = rules
            .SelectMany(rule => rule.FirstWords.Distinct(StringComparer.OrdinalIgnoreCase).Select(word => (word, rule)))
            .GroupBy(x => x.word, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.rule).ToArray(), StringComparer.OrdinalIgnoreCase);
        _byFirstWord = index.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The longest phrase starting at word <paramref name="start"/>: its length in words (0 when none) and valence.</summary>
    public (int Length, double Valence) Longest(ReadOnlySpan<char> text, ReadOnlySpan<SentenceWord> words, int start)
    {
        var key = words[start].Kind == TextTokenKind.Number ? PhraseRule.NumberKey.AsSpan() : words[start].Of(text);
        if (!_byFirstWord.TryGetValue(key, out var rules))
        {
            return (0, 0);
        }

        var best = (Length: 0, Valence: 0.0);
        foreach (var rule in rules)
        {
            var length = rule.Match(text, words, start);
            if (length > best.Length)
            {
                best = (length, rule.Valence);
            }
        }

        return best;
    }
}
