using System.Text;

namespace Touchpoint.Core.Conversations.Email.Mime;

/// <summary>
/// A header block: names case-insensitive, folded lines unfolded, in the order they came. Values
/// are raw (encoded words still encoded) so structured headers can be parsed before decoding.
/// </summary>
public sealed class MimeHeaders
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private readonly List<KeyValuePair<string, string>> _fields = [];

    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    /// <summary>The first value of <paramref name="name"/>, or null.</summary>
    public string? this[string name] => _fields.FirstOrDefault(f => f.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public IEnumerable<string> All(string name) =>
        _fields.Where(f => f.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(f => f.Value);

    /// <summary>The value with RFC 2047 words decoded, for unstructured headers such as Subject.</summary>
    public string? Text(string name) => this[name] is { } value ? EncodedWords.Decode(value).Trim() : null;

    /// <param name="block">The header lines as Latin-1 text (one char per byte), line ends \n or \r\n.</param>
    public static MimeHeaders Parse(string block)
    {
        var headers = new MimeHeaders();
        string? name = null;
        var value = new StringBuilder();
        foreach (var rawLine in block.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Length > 0 && line[0] is ' ' or '\t')
            {
                // A folded line continues the previous field; unfolding removes only the line break.
                if (name is not null)
                {
                    value.Append(line);
                }

                continue;
            }

            headers.Add(name, value);
            name = null;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim() is { Length: > 0 } field && !field.Any(char.IsWhiteSpace))
            {
                name = field;
                value.Append(line[(colon + 1)..]);
            }
        }

        headers.Add(name, value);
        return headers;
    }

    private void Add(string? name, StringBuilder value)
    {
        if (name is not null)
        {
            _fields.Add(new(name, EightBit(value.ToString().Trim())));
        }

        value.Clear();
    }

    /// <summary>Raw 8-bit header bytes (against the RFC, but common) are read as UTF-8 when valid, else windows-1252.</summary>
    private static string EightBit(string latin1)
    {
        if (latin1.All(c => c < 0x80))
        {
            return latin1;
        }

        var bytes = Encoding.Latin1.GetBytes(latin1);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return MimeCharsets.Find("windows-1252").GetString(bytes);
        }
    }
}
