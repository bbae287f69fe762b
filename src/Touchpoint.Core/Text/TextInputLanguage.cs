using System.Collections.Frozen;

namespace Touchpoint.Core.Text;

/// <summary>
/// A cheap language check, good enough to keep the English-only analysers from mis-scoring other languages.
/// Non-Latin scripts are named by script (Cyrillic "ru", Han "zh", kana "ja", Hangul "ko", Arabic "ar", Greek
/// "el", Hebrew "he", Devanagari "hi", Thai "th"); Latin text is English unless another language's function
/// words outnumber the English ones, or a long text has no English word at all ("und"). Only the first
/// 2,000 tokens are read: a language does not change halfway through a comment often enough to pay for more.
/// </summary>
public static class TextInputLanguage
{
    /// <summary>Whether a word (as written, any case) is known English: the caller's lexicon, beyond the stop words.</summary>
    public delegate bool KnownWord(ReadOnlySpan<char> word);

    public const string English = "en";
    public const string Undetermined = "und";
    private const int MaxTokens = 2_000;

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> EnglishWords =
        TextInputStopWords.English.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly (string Code, FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Words)[] OtherWords =
        TextInputStopWords.Others.Select(o => (o.Code, o.Words.GetAlternateLookup<ReadOnlySpan<char>>())).ToArray();

    /// <summary>Whether the English analysers may score a text of this language: English, or no letters at all (emoji still count).</summary>
    public static bool IsScorable(string? language) => language is null or English;

    /// <summary>"en", another language's code, "und", or null when the text has no letters at all (only emoji, numbers, symbols).</summary>
    public static string? Detect(ReadOnlySpan<char> text, KnownWord? isEnglishWord = null) => Detect(text, isEnglishWord, out _, out _);

    /// <summary>The same, also counting words and ALL-CAPS words on the way, so the sentiment rules need no second pass.</summary>
    internal static string? Detect(ReadOnlySpan<char> text, KnownWord? isEnglishWord, out int words, out int capsWords)
    {
        words = 0;
        capsWords = 0;
        Span<int> scripts = stackalloc int[(int)Script.Count];
        Span<int> others = stackalloc int[OtherWords.Length];
        int latinWords = 0, englishHits = 0, tokens = 0;
        foreach (var token in new TextInputTokenizer(text))
        {
            if (++tokens > MaxTokens)
            {
                break;
            }

            if (token.Kind != TextTokenKind.Word)
            {
                continue;
            }

            words++;
            capsWords += token.AllCaps ? 1 : 0;
            var word = token.Of(text);
            if (IsAddressPart(text, token, word))
            {
                // Links and handles say nothing of the language: "Louisiana income tax repeal advances http://..."
                // is an English headline, not eight words of an unknown language.
                continue;
            }

            var script = ScriptOf(word);
            scripts[(int)script] += word.Length;
            if (script != Script.Latin)
            {
                continue;
            }

            latinWords++;
            if (EnglishWords.Contains(word) || (isEnglishWord is not null && isEnglishWord(word)))
            {
                // Most words of English text end here: the other languages' lists are not read for them.
                englishHits++;
                continue;
            }

            for (var i = 0; i < OtherWords.Length; i++)
            {
                if (OtherWords[i].Words.Contains(word))
                {
                    others[i]++;
                }
            }
        }

        var nonLatin = Script.Latin;
        for (var s = Script.Cyrillic; s < Script.Count; s++)
        {
            if (scripts[(int)s] > scripts[(int)nonLatin])
            {
                nonLatin = s;
            }
        }

        if (nonLatin != Script.Latin && scripts[(int)nonLatin] >= scripts[(int)Script.Latin])
        {
            return nonLatin switch
            {
                Script.Cyrillic => "ru",
                Script.Greek => "el",
                Script.Arabic => "ar",
                Script.Hebrew => "he",
                Script.Devanagari => "hi",
                Script.Thai => "th",
                Script.Hangul => "ko",
                Script.Han => scripts[(int)Script.Kana] > 0 ? "ja" : "zh",
                Script.Kana => "ja",
                _ => Undetermined,
            };
        }

        if (latinWords == 0)
        {
            return scripts[(int)Script.Other] > 0 ? Undetermined : null;
        }

        var best = -1;
        for (var i = 0; i < others.Length; i++)
        {
            if (others[i] > 0 && (best < 0 || others[i] > others[best]))
            {
                best = i;
            }
        }

        // Short texts need fewer foreign words to count, but never fewer than the English ones.
        var needed = latinWords <= 3 ? 1 : 2;
        if (best >= 0 && others[best] >= needed && others[best] > englishHits)
        {
            return OtherWords[best].Code;
        }

        // A long Latin-script text without a single English word is some other language we have no list for.
        return latinWords >= 8 && englishHits == 0 ? Undetermined : English;
    }

    private static bool IsAddressPart(ReadOnlySpan<char> text, TextToken token, ReadOnlySpan<char> word) =>
        (token.Start > 0 && text[token.Start - 1] is '/' or '.' or ':' or '@' or '=' or '&' or '_')
        || word.Equals("http", StringComparison.OrdinalIgnoreCase) || word.Equals("https", StringComparison.OrdinalIgnoreCase)
        || word.Equals("www", StringComparison.OrdinalIgnoreCase);

    private static Script ScriptOf(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            return c switch
            {
                <= '\u024F' or >= '\u1E00' and <= '\u1EFF' => Script.Latin,
                >= '\u0370' and <= '\u03FF' => Script.Greek,
                >= '\u0400' and <= '\u052F' => Script.Cyrillic,
                >= '\u0590' and <= '\u05FF' => Script.Hebrew,
                >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' => Script.Arabic,
                >= '\u0900' and <= '\u097F' => Script.Devanagari,
                >= '\u0E00' and <= '\u0E7F' => Script.Thai,
                >= '\u1100' and <= '\u11FF' or >= '\uAC00' and <= '\uD7AF' => Script.Hangul,
                >= '\u3040' and <= '\u30FF' => Script.Kana,
                >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' => Script.Han,
                _ => Script.Other,
            };
        }

        return Script.Other;
    }

    private enum Script
    {
        Latin,
        Cyrillic,
        Greek,
        Arabic,
        Hebrew,
        Devanagari,
        Thai,
        Hangul,
        Kana,
        Han,
        Other,
        Count,
    }
}
