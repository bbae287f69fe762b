using System.Text.RegularExpressions;

namespace Touchpoint.Core.Conversations.Email;

/// <summary>
/// Keeps what the customer wrote in a reply and cuts what they quoted: "On ... wrote:" lines (English,
/// German, French, Spanish, Dutch), "Original Message" separators, Outlook's "From: ... Sent: ..."
/// blocks, trailing "&gt;" lines and signatures after "-- ". When cutting would leave nothing (a
/// reply written inline, between the quotes), the whole text is kept: never lose what they wrote.
/// </summary>
public static partial class ReplyText
{
    public static string Strip(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var end = lines.Length;
        for (var i = 0; i < lines.Length; i++)
        {
            if (StartsQuote(lines, i))
            {
                end = i;
                break;
            }
        }

        // Quoted lines (and blank lines) at the end go too.
        while (end > 0 && (lines[end - 1].TrimStart().StartsWith('>') || lines[end - 1].Trim().Length == 0))
        {
            end--;
        }

        var kept = string.Join('\n', lines.Take(end)).Trim();
        return kept.Length > 0 ? kept : text.Trim();
    }

    private static bool StartsQuote(string[] lines, int i)
    {
        var line = lines[i].Trim();
        if (lines[i] is "-- " or "--" or "-- \r" || Separator().IsMatch(line))
        {
            return true;
        }

        // Gmail wraps a long "On ..., Name <address> wrote:" over two lines.
        var joined = i + 1 < lines.Length ? line + " " + lines[i + 1].Trim() : line;
        if (Attribution().IsMatch(line) || (line.Length > 0 && AttributionStart().IsMatch(line) && Attribution().IsMatch(joined)))
        {
            return true;
        }

        // Outlook: "From: ..." followed by "Sent:" or "Date:" within a few lines (optionally after a line of underscores).
        if (OutlookFrom().IsMatch(line))
        {
            return lines.Skip(i + 1).Take(4).Any(l => OutlookSent().IsMatch(l.Trim()));
        }

        return Underscores().IsMatch(line) && i + 1 < lines.Length && OutlookFrom().IsMatch(lines[i + 1].Trim());
    }

    [GeneratedRegex(@"^-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Oorspronkelijk bericht|Forwarded message)\s*-{2,}$",
        RegexOptions.IgnoreCase)]
    private static partial Regex Separator();

    [GeneratedRegex(@"^(On\s.+\swrote|Am\s.+\sschrieb.*|Le\s.+\sa\sécrit|El\s.+\sescribió|Op\s.+\sschreef.*)\s?:$", RegexOptions.IgnoreCase)]
    private static partial Regex Attribution();

    [GeneratedRegex(@"^(On|Am|Le|El|Op)\s", RegexOptions.IgnoreCase)]
    private static partial Regex AttributionStart();

    [GeneratedRegex(@"^\*?(From|Von|De|Van)\s?:\*?\s", RegexOptions.IgnoreCase)]
    private static partial Regex OutlookFrom();

    [GeneratedRegex(@"^\*?(Sent|Date|Gesendet|Datum|Envoyé|Enviado|Verzonden)\s?:\*?\s", RegexOptions.IgnoreCase)]
    private static partial Regex OutlookSent();

    [GeneratedRegex(@"^_{10,}$")]
    private static partial Regex Underscores();
}
