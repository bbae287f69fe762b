using System.Globalization;
using System.Text;

namespace Touchpoint.Core.Text.Topics;

/// <summary>
/// The one text normalisation every topic engine shares, so a taxonomy keyword, a training sentence and
/// an incoming comment meet in the same form: lower case, accents removed ("Café" = "cafe"), and only
/// letters and digits kept as word characters. Reads at most <see cref="DefaultMaxChars"/> characters,
/// because a comment's topic is decided long before its 20,000th character and a 1 MB paste must not
/// cost 1 MB of work.
/// </summary>
public static class TopicText
{
    public const int DefaultMaxChars = 20_000;

    /// <summary>The normalised text: word characters lowered and unaccented, everything else a space.</summary>
    public static string Normalize(string? text, int maxChars = DefaultMaxChars)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var length = Math.Min(text.Length, Math.Max(0, maxChars));
        var ascii = true;
        // Lone surrogates make string.Normalize throw, and no emoji or symbol is a word character, so
        // every surrogate (and every control character) becomes a separator before decomposition.
        var cleaned = string.Create(length, text, (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsSurrogate(c) || char.IsControl(c) ? ' ' : c;
            }
        });
        foreach (var c in cleaned)
        {
            if (c >= 0x80)
            {
                ascii = false;
                break;
            }
        }

        if (ascii)
        {
            return string.Create(cleaned.Length, cleaned, static (span, source) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    var c = source[i];
                    span[i] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : char.IsAsciiLetterOrDigit(c) ? c : ' ';
                }
            });
        }

        var decomposed = cleaned.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return builder.ToString();
    }

    /// <summary>The words of a normalised text, as (start, length) spans, without allocating.</summary>
    public static WordEnumerator Words(string normalized) => new(normalized);

    /// <summary>Enumerates runs of non-space characters in a text made by <see cref="Normalize"/>.</summary>
    public struct WordEnumerator(string text)
    {
        private int _next;

        public Range Current { get; private set; }

        public readonly WordEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            var i = _next;
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            if (i >= text.Length)
            {
                _next = i;
                return false;
            }

            var start = i;
            while (i < text.Length && text[i] != ' ')
            {
                i++;
            }

            Current = new Range(start, i);
            _next = i;
            return true;
        }
    }
}
