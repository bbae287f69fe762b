using System.Text;

namespace Touchpoint.Core.Conversations.Email.Mime;

/// <summary>Content-Transfer-Encoding: 7bit/8bit/binary as is, quoted-printable and base64 undone, tolerantly.</summary>
public static class TransferEncodings
{
    /// <param name="raw">The body as Latin-1 text (one char per byte), as the parser keeps it.</param>
    public static byte[] Decode(string raw, string? encoding) => encoding?.Trim().ToLowerInvariant() switch
    {
        "base64" => Base64(raw),
        "quoted-printable" => QuotedPrintable(raw),
        _ => Encoding.Latin1.GetBytes(raw),
    };

    /// <summary>Ignores line breaks and junk, adds missing padding; a hopeless remainder is dropped, never thrown.</summary>
    public static byte[] Base64(string raw)
    {
        var clean = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/')
            {
                clean.Append(c);
            }
            else if (c == '=')
            {
                // Padding ends the data; anything after it is not base64.
                break;
            }
        }

        var remainder = clean.Length % 4;
        if (remainder == 1)
        {
            clean.Length--;
        }
        else if (remainder > 1)
        {
            clean.Append('=', 4 - remainder);
        }

        try
        {
            return Convert.FromBase64String(clean.ToString());
        }
        catch (FormatException)
        {
            return [];
        }
    }

    /// <summary>Soft line breaks ("=" at a line's end) joined, =XX decoded; a stray "=" is kept as it is.</summary>
    public static byte[] QuotedPrintable(string raw)
    {
        var bytes = new List<byte>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c != '=')
            {
                bytes.Add((byte)c);
                continue;
            }

            // A soft break may have trailing whitespace before the line end.
            var j = i + 1;
            while (j < raw.Length && raw[j] is ' ' or '\t')
            {
                j++;
            }

            if (j < raw.Length && raw[j] == '\n')
            {
                i = j;
                continue;
            }

            if (j + 1 < raw.Length && raw[j] == '\r' && raw[j + 1] == '\n')
            {
                i = j + 1;
                continue;
            }

            if (j >= raw.Length)
            {
                break;
            }

            if (i + 2 < raw.Length && Hex(raw[i + 1]) is >= 0 and var high && Hex(raw[i + 2]) is >= 0 and var low)
            {
                bytes.Add((byte)((high << 4) | low));
                i += 2;
            }
            else
            {
                bytes.Add((byte)'=');
            }
        }

        return [.. bytes];
    }

    internal static int Hex(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };
}
