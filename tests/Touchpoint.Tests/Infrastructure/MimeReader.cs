using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>
/// Reads the raw messages aiosmtpd stores (System.Net.Mail cannot parse mail): unfolds headers,
/// decodes RFC 2047 words, walks multipart bodies and undoes quoted-printable and base64.
/// </summary>
public static partial class MimeReader
{
    public static ReceivedMail Parse(string raw)
    {
        var (headers, body) = Split(raw.Replace("\r\n", "\n", StringComparison.Ordinal));
        string? text = null, html = null;
        Collect(headers, body, ref text, ref html);
        return new ReceivedMail(headers.ToDictionary(h => h.Key, h => DecodeWords(h.Value), StringComparer.OrdinalIgnoreCase), text, html)
        {
            Raw = raw,
        };
    }

    private static void Collect(Dictionary<string, string> headers, string body, ref string? text, ref string? html)
    {
        var contentType = headers.GetValueOrDefault("Content-Type", "text/plain");
        if (contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = Parameter(contentType, "boundary") ?? throw new FormatException("A multipart message without a boundary.");
            foreach (var part in body.Split("--" + boundary).Skip(1))
            {
                if (part.StartsWith("--", StringComparison.Ordinal))
                {
                    break;
                }

                var (partHeaders, partBody) = Split(part.TrimStart('\n'));
                Collect(partHeaders, partBody, ref text, ref html);
            }

            return;
        }

        var decoded = Decode(body, headers.GetValueOrDefault("Content-Transfer-Encoding", "7bit"), Parameter(contentType, "charset"));
        if (contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
        {
            html ??= decoded;
        }
        else if (contentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            text ??= decoded;
        }
    }

    private static (Dictionary<string, string> Headers, string Body) Split(string entity)
    {
        var end = entity.IndexOf("\n\n", StringComparison.Ordinal);
        var head = end < 0 ? entity : entity[..end];
        var body = end < 0 ? "" : entity[(end + 2)..];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in head.Split('\n'))
        {
            if (line.Length > 0 && char.IsWhiteSpace(line[0]) && last is not null)
            {
                headers[last] += " " + line.Trim();
            }
            else if (line.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon)
            {
                last = line[..colon].Trim();
                headers[last] = line[(colon + 1)..].Trim();
            }
        }

        return (headers, body);
    }

    private static string Decode(string body, string transferEncoding, string? charset)
    {
        var encoding = charset is null ? Encoding.UTF8 : Encoding.GetEncoding(charset);
        return transferEncoding.Trim().ToLowerInvariant() switch
        {
            "base64" => encoding.GetString(Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c))))),
            "quoted-printable" => encoding.GetString(QuotedPrintable(body.Replace("=\n", "", StringComparison.Ordinal))),
            _ => body,
        };
    }

    private static byte[] QuotedPrintable(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length
                && byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
            {
                bytes.Add(value);
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return bytes.ToArray();
    }

    /// <summary>"=?utf-8?B?...?=" and "=?utf-8?Q?...?=" as in RFC 2047; whitespace between words is dropped.</summary>
    private static string DecodeWords(string value) =>
        EncodedWord().Replace(WordGap().Replace(value, "?==?"), m =>
        {
            var encoding = Encoding.GetEncoding(m.Groups["charset"].Value);
            var payload = m.Groups["text"].Value;
            return string.Equals(m.Groups["kind"].Value, "B", StringComparison.OrdinalIgnoreCase)
                ? encoding.GetString(Convert.FromBase64String(payload))
                : encoding.GetString(QuotedPrintable(payload.Replace('_', ' ')));
        });

    private static string? Parameter(string header, string name)
    {
        var match = Regex.Match(header, $@"{name}\s*=\s*(""(?<v>[^""]*)""|(?<v>[^;\s]+))", RegexOptions.IgnoreCase);
        return match.Success ? match.Groups["v"].Value : null;
    }

    [GeneratedRegex(@"=\?(?<charset>[^?]+)\?(?<kind>[BbQq])\?(?<text>[^?]*)\?=")]
    private static partial Regex EncodedWord();

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex WordGap();
}
