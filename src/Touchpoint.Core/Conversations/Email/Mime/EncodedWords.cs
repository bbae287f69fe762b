using System.Text;
using System.Text.RegularExpressions;

namespace Touchpoint.Core.Conversations.Email.Mime;

/// <summary>
/// RFC 2047 encoded words (<c>=?charset?B|Q?text?=</c>) in Subject, display names and filenames.
/// Adjacent words are joined without the whitespace between them, and their bytes are joined before
/// decoding, since senders split a multi-byte character across two words.
/// </summary>
public static partial class EncodedWords
{
    public static string Decode(string value)
    {
        if (!value.Contains("=?", StringComparison.Ordinal))
        {
            return value;
        }

        var result = new StringBuilder(value.Length);
        var pending = new List<byte>();
        string? pendingCharset = null;
        var position = 0;
        foreach (Match match in Word().Matches(value))
        {
            var gap = value[position..match.Index];
            var charset = match.Groups["charset"].Value.Split('*')[0];
            var adjacent = pendingCharset is not null && string.IsNullOrWhiteSpace(gap);
            if (!adjacent || !string.Equals(charset, pendingCharset, StringComparison.OrdinalIgnoreCase))
            {
                Flush(result, pending, ref pendingCharset);
                if (!adjacent)
                {
                    result.Append(gap);
                }
            }

            pendingCharset = charset;
            var text = match.Groups["text"].Value;
            pending.AddRange(match.Groups["kind"].Value is "B" or "b"
                ? TransferEncodings.Base64(text)
                : TransferEncodings.QuotedPrintable(text.Replace('_', ' ')));
            position = match.Index + match.Length;
        }

        Flush(result, pending, ref pendingCharset);
        result.Append(value[position..]);
        return result.ToString();
    }

    private static void Flush(StringBuilder result, List<byte> pending, ref string? charset)
    {
        if (charset is not null)
        {
            result.Append(MimeCharsets.Find(charset).GetString([.. pending]));
        }

        pending.Clear();
        charset = null;
    }

    [GeneratedRegex(@"=\?(?<charset>[^?\s]+)\?(?<kind>[BbQq])\?(?<text>[^?\s]*)\?=")]
    private static partial Regex Word();
}
