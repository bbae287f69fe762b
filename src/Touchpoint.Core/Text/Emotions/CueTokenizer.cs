using System.Text;

namespace Touchpoint.Core.Text.Emotions;

/// <summary>What a token is: a word (letters, digits, inner apostrophes and hyphens), a clause break
/// (, ; : and "but" is decided by the caller), a sentence end (. ! ? and new lines) or an emoji.</summary>
internal enum CueKind : byte
{
    Word,
    ClauseBreak,
    SentenceEnd,
    Emoji,
}

/// <summary>A token as offsets into the lower-cased text (so a token costs no string), with the casing
/// facts the original text had: a capital first letter (names) and all capitals (shouting).</summary>
internal readonly record struct CueToken(int Start, int Length, CueKind Kind, bool Capitalized, bool AllCaps, int Rune = 0);

/// <summary>
/// The small tokenizer the emotion and signal engines share until the sentiment engine's TextInput
/// tokenizer is merged (then this is the one file to swap). Lower-cases once per text, keeps words
/// as spans, and answers the questions both engines ask: is this word a negation cue, which lemma
/// forms should a lookup try.
/// </summary>
internal static class CueTokenizer
{
    /// <summary>Texts longer than this are analysed on their first part: a comment, chat line or email
    /// body is far shorter, and a 1 MB paste must not cost more than a long email.</summary>
    public const int MaxAnalysedChars = 20_000;

    /// <summary>The text to analyse: cut to <see cref="MaxAnalysedChars"/> without splitting a surrogate
    /// pair, typographic apostrophes folded to ' so "can’t" and "can't" are one word.</summary>
    public static string Prepare(string text)
    {
        var cut = text.Length > MaxAnalysedChars ? text[..(char.IsHighSurrogate(text[MaxAnalysedChars - 1]) ? MaxAnalysedChars - 1 : MaxAnalysedChars)] : text;
        return cut.Contains('\u2019', StringComparison.Ordinal) ? cut.Replace('\u2019', '\'') : cut;
    }

    public static void Tokenize(string text, List<CueToken> tokens)
    {
        tokens.Clear();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                var start = i;
                var upper = 0;
                var letters = 0;
                while (i < text.Length)
                {
                    var d = text[i];
                    if (char.IsLetterOrDigit(d))
                    {
                        if (char.IsLetter(d))
                        {
                            letters++;
                            if (char.IsUpper(d))
                            {
                                upper++;
                            }
                        }

                        i++;
                    }
                    else if ((d == '\'' || d == '-') && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]) && i > start)
                    {
                        i++;
                    }
                    else
                    {
                        break;
                    }
                }

                tokens.Add(new CueToken(start, i - start, CueKind.Word, char.IsUpper(text[start]), letters > 1 && upper == letters));
                continue;
            }

            switch (c)
            {
                case ',' or ';' or ':' or '(' or ')' or '"':
                    tokens.Add(new CueToken(i, 1, CueKind.ClauseBreak, false, false));
                    break;
                case '.' or '!' or '?' or '\n':
                    tokens.Add(new CueToken(i, 1, CueKind.SentenceEnd, false, false));
                    break;
                default:
                    if (Rune.TryGetRuneAt(text, i, out var rune) && IsEmojiLike(rune.Value))
                    {
                        tokens.Add(new CueToken(i, rune.Utf16SequenceLength, CueKind.Emoji, false, false, rune.Value));
                        i += rune.Utf16SequenceLength;
                        continue;
                    }

                    break;
            }

            i++;
        }
    }

    private static bool IsEmojiLike(int value) =>
        value is >= 0x1F300 and <= 0x1FAFF or >= 0x2600 and <= 0x27BF or 0x231B or 0x23F3;

    public static ReadOnlySpan<char> Span(string lower, CueToken token) => lower.AsSpan(token.Start, token.Length);

    /// <summary>Words that turn the next few words around: "not happy", "never worried", "don't trust".</summary>
    public static bool IsNegation(ReadOnlySpan<char> word) =>
        word is "not" or "no" or "never" or "cannot" or "without" or "hardly" or "barely" or "nothing" or "nobody"
            or "none" or "neither" or "nor" or "lack" or "lacks"
        || word.EndsWith("n't", StringComparison.Ordinal);

    /// <summary>The forms a lookup tries after the word itself: plural/third person -s and -es, past -ed
    /// and -d, -ing, adverb -ly. Cheap slices, no allocation; irregular forms are listed in the lexicons.</summary>
    public static int LemmaCandidates(ReadOnlySpan<char> word, Span<int> lengths)
    {
        var n = 0;
        if (word.Length > 4 && word.EndsWith("ing", StringComparison.Ordinal))
        {
            lengths[n++] = word.Length - 3;
        }

        if (word.Length > 3 && word.EndsWith("ed", StringComparison.Ordinal))
        {
            lengths[n++] = word.Length - 2;
            lengths[n++] = word.Length - 1;
        }

        if (word.Length > 4 && word.EndsWith("ly", StringComparison.Ordinal))
        {
            lengths[n++] = word.Length - 2;
        }

        if (word.Length > 3 && word.EndsWith("es", StringComparison.Ordinal))
        {
            lengths[n++] = word.Length - 2;
        }

        if (word.Length > 3 && word[^1] == 's' && word[^2] != 's')
        {
            lengths[n++] = word.Length - 1;
        }

        return n;
    }
}
