namespace Touchpoint.Core.Text;

/// <summary>
/// Splits text into <see cref="TextToken"/>s without allocating: a ref struct that walks the span, usable
/// with <c>foreach</c>. Words keep inner apostrophes and hyphens ("don't", "follow-up"); emoticons are kept
/// whole when a whitespace-separated chunk is one (optionally followed by sentence punctuation); emoji are
/// one token each; other symbols form punctuation runs ("!!!").
/// </summary>
public ref struct TextInputTokenizer
{
    private readonly ReadOnlySpan<char> _text;
    private int _position;
    private int _chunkEnd;

    public TextInputTokenizer(ReadOnlySpan<char> text)
    {
        _text = text;
        _position = 0;
        _chunkEnd = 0;
        Current = default;
    }

    public TextToken Current { get; private set; }

    public readonly TextInputTokenizer GetEnumerator() => this;

    public bool MoveNext()
    {
        var text = _text;
        if (_position >= _chunkEnd)
        {
            // Start a new whitespace-separated chunk, and see whether it is an emoticon before reading its characters.
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }

            if (_position >= text.Length)
            {
                return false;
            }

            _chunkEnd = _position;
            while (_chunkEnd < text.Length && !char.IsWhiteSpace(text[_chunkEnd]))
            {
                _chunkEnd++;
            }

            var chunk = text[_position.._chunkEnd];
            var core = chunk.TrimEnd(".,!?");
            if (core.Length > 0 && TextInputEmoticons.IsEmoticon(core))
            {
                Current = new TextToken(_position, core.Length, TextTokenKind.Emoticon, false);
                _position += core.Length;
                return true;
            }
        }

        var start = _position;
        var c = text[start];
        if (char.IsLetterOrDigit(c))
        {
            var end = start + 1;
            var letters = char.IsLetter(c) ? 1 : 0;
            var upper = char.IsUpper(c) ? 1 : 0;
            while (end < _chunkEnd)
            {
                var d = text[end];
                if (char.IsLetterOrDigit(d) || char.GetUnicodeCategory(d) == System.Globalization.UnicodeCategory.NonSpacingMark)
                {
                    letters += char.IsLetter(d) ? 1 : 0;
                    upper += char.IsUpper(d) ? 1 : 0;
                    end++;
                }
                else if ((d is '\'' or '\u2019' or '-' && end + 1 < _chunkEnd && char.IsLetter(text[end + 1]) && letters > 0)
                    || (d is '.' or ',' && letters == 0 && end + 1 < _chunkEnd && char.IsDigit(text[end + 1])))
                {
                    // "don't", "follow-up", and "4.5" / "1,000" stay one token.
                    end++;
                }
                else
                {
                    break;
                }
            }

            _position = end;
            Current = new TextToken(start, end - start, letters == 0 ? TextTokenKind.Number : TextTokenKind.Word, letters >= 2 && upper == letters);
            return true;
        }

        var emoji = TextInputEmoji.Measure(text[.._chunkEnd], start);
        if (emoji > 0)
        {
            _position = start + emoji;
            Current = new TextToken(start, emoji, TextTokenKind.Emoji, false);
            return true;
        }

        // A run of anything else up to the next word, emoji or the end of the chunk.
        var stop = start + 1;
        while (stop < _chunkEnd && !char.IsLetterOrDigit(text[stop]) && TextInputEmoji.Measure(text[.._chunkEnd], stop) == 0)
        {
            stop++;
        }

        _position = stop;
        Current = new TextToken(start, stop - start, TextTokenKind.Punctuation, false);
        return true;
    }
}
