using System.Globalization;
using System.Text;

namespace Touchpoint.Core.Conversations.Email.Mime;

/// <summary>
/// A structured header such as <c>Content-Type: text/plain; charset="utf-8"</c>: its value and its
/// parameters, including RFC 2231 forms (<c>filename*=utf-8''%E2%82%AC.pdf</c>, continuations
/// <c>filename*0*=</c>, <c>filename*1*=</c>). Names are case-insensitive.
/// </summary>
public sealed class HeaderParameters
{
    private readonly Dictionary<string, string> _parameters;

    private HeaderParameters(string value, Dictionary<string, string> parameters)
    {
        Value = value;
        _parameters = parameters;
    }

    /// <summary>The part before the first ';', lower case (e.g. "text/plain", "attachment").</summary>
    public string Value { get; }

    public string? this[string name] => _parameters.GetValueOrDefault(name);

    public static HeaderParameters Parse(string? header)
    {
        var pieces = Split(header ?? "");
        var value = pieces.Count > 0 ? pieces[0].Trim().ToLowerInvariant() : "";
        var simple = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var sections = new Dictionary<string, SortedDictionary<int, (string Text, bool Encoded)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var piece in pieces.Skip(1))
        {
            var equals = piece.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var name = piece[..equals].Trim();
            var text = Unquote(piece[(equals + 1)..].Trim());
            var star = name.IndexOf('*', StringComparison.Ordinal);
            if (star < 0)
            {
                simple.TryAdd(name, text);
                continue;
            }

            // name*=..., name*0=..., name*0*=..., name*1*=...
            var baseName = name[..star];
            var rest = name[(star + 1)..];
            var encoded = rest.EndsWith('*') || rest.Length == 0;
            var indexText = rest.TrimEnd('*');
            var index = indexText.Length == 0 ? 0 : int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
            if (index < 0)
            {
                continue;
            }

            if (!sections.TryGetValue(baseName, out var parts))
            {
                sections[baseName] = parts = [];
            }

            parts.TryAdd(index, (text, encoded));
        }

        foreach (var (name, parts) in sections)
        {
            simple[name] = Join(parts.Values);
        }

        return new HeaderParameters(value, simple);
    }

    /// <summary>Joins RFC 2231 sections: the first encoded one names the charset ("utf-8'en'..."); bytes are joined before decoding.</summary>
    private static string Join(IEnumerable<(string Text, bool Encoded)> parts)
    {
        string? charset = null;
        var bytes = new List<byte>();
        var first = true;
        foreach (var (text, encoded) in parts)
        {
            var data = text;
            if (encoded && first)
            {
                var quotes = text.Split('\'', 3);
                if (quotes.Length == 3)
                {
                    charset = quotes[0];
                    data = quotes[2];
                }
            }

            first = false;
            if (!encoded)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(data));
                continue;
            }

            for (var i = 0; i < data.Length; i++)
            {
                if (data[i] == '%' && i + 2 < data.Length && TransferEncodings.Hex(data[i + 1]) is >= 0 and var high
                    && TransferEncodings.Hex(data[i + 2]) is >= 0 and var low)
                {
                    bytes.Add((byte)((high << 4) | low));
                    i += 2;
                }
                else
                {
                    bytes.AddRange(Encoding.UTF8.GetBytes(data[i].ToString()));
                }
            }
        }

        return MimeCharsets.Find(charset).GetString([.. bytes]);
    }

    /// <summary>Splits on ';' outside quotes.</summary>
    private static List<string> Split(string header)
    {
        var pieces = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < header.Length; i++)
        {
            var c = header[i];
            if (c == '\\' && quoted && i + 1 < header.Length)
            {
                current.Append(c).Append(header[++i]);
                continue;
            }

            if (c == '"')
            {
                quoted = !quoted;
            }

            if (c == ';' && !quoted)
            {
                pieces.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        pieces.Add(current.ToString());
        return pieces;
    }

    internal static string Unquote(string text)
    {
        if (text.Length < 2 || text[0] != '"' || text[^1] != '"')
        {
            return text;
        }

        var inner = new StringBuilder(text.Length);
        for (var i = 1; i < text.Length - 1; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length - 1)
            {
                i++;
            }

            inner.Append(text[i]);
        }

        return inner.ToString();
    }
}
