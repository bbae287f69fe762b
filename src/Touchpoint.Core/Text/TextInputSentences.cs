namespace Touchpoint.Core.Text;

/// <summary>
/// Splits text into sentences without allocating, yielding each as a <see cref="Range"/> of the text. A
/// sentence ends at a line break, or after a run of ".", "!" or "?" (with closing quotes or brackets) that
/// is followed by whitespace and then not by a lower-case letter, so "approx. three weeks" and "Mr. Smith"
/// mostly stay whole while "Great service! Thanks." is two.
/// </summary>
public ref struct TextInputSentences
{
    private readonly ReadOnlySpan<char> _text;
    private int _position;

    public TextInputSentences(ReadOnlySpan<char> text)
    {
        _text = text;
        _position = 0;
        Current = default;
    }

    public Range Current { get; private set; }

    public readonly TextInputSentences GetEnumerator() => this;

    public bool MoveNext()
    {
        var text = _text;
        while (_position < text.Length && char.IsWhiteSpace(text[_position]))
        {
            _position++;
        }

        if (_position >= text.Length)
        {
            return false;
        }

        var start = _position;
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '\n' or '\r' or '\u2028' or '\u2029')
            {
                Current = start..i;
                _position = i + 1;
                return true;
            }

            if (c is '.' or '!' or '?' or '\u3002' or '\uFF01' or '\uFF1F')
            {
                var end = i + 1;
                while (end < text.Length && (text[end] is '.' or '!' or '?' or '"' or '\'' or ')' or ']' or '\u201D' or '\u2019' or '\u3002' or '\uFF01' or '\uFF1F'))
                {
                    end++;
                }

                if (end >= text.Length)
                {
                    Current = start..end;
                    _position = end;
                    return true;
                }

                if (char.IsWhiteSpace(text[end]) || c is '\u3002' or '\uFF01' or '\uFF1F')
                {
                    var next = end;
                    while (next < text.Length && text[next] is ' ' or '\t')
                    {
                        next++;
                    }

                    if (next >= text.Length || !char.IsLower(text[next]))
                    {
                        Current = start..end;
                        _position = end;
                        return true;
                    }
                }

                i = end;
                continue;
            }

            i++;
        }

        Current = start..text.Length;
        _position = text.Length;
        return true;
    }
}
