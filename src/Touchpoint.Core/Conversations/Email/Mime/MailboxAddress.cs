using System.Text;

namespace Touchpoint.Core.Conversations.Email.Mime;

/// <summary>One address of From, To or Cc: <c>"Name" &lt;local@domain&gt;</c>, display name decoded.</summary>
public sealed record MailboxAddress(string? Name, string Address)
{
    /// <summary>
    /// Reads an address list: <c>Name &lt;a@b&gt;</c>, quoted names with commas, bare addresses,
    /// comments, and groups (<c>Team: a@b, c@d;</c>, <c>undisclosed-recipients:;</c>). Pieces without
    /// an @ are skipped, never thrown.
    /// </summary>
    public static IReadOnlyList<MailboxAddress> ParseList(string? header)
    {
        var result = new List<MailboxAddress>();
        foreach (var piece in SplitOutside(header ?? "", ','))
        {
            if (ParseOne(piece) is { } address)
            {
                result.Add(address);
            }
        }

        return result;
    }

    private static MailboxAddress? ParseOne(string piece)
    {
        var text = piece.Trim().TrimEnd(';').Trim();
        // A group's name ends at a ':' outside quotes and angle brackets.
        var colon = IndexOutside(text, ':');
        if (colon >= 0 && (IndexOutside(text, '<') is var open && (open < 0 || colon < open)))
        {
            text = text[(colon + 1)..].Trim();
        }

        string? name;
        string address;
        var lt = IndexOutside(text, '<');
        if (lt >= 0)
        {
            var gt = text.IndexOf('>', lt);
            address = (gt > lt ? text[(lt + 1)..gt] : text[(lt + 1)..]).Trim();
            name = HeaderParameters.Unquote(StripComments(text[..lt]).Trim());
        }
        else
        {
            // "a@b (Name)": the comment is the only name there is.
            var comment = text.IndexOf('(', StringComparison.Ordinal);
            name = comment >= 0 ? text[(comment + 1)..].TrimEnd(')').Trim() : null;
            address = StripComments(text).Trim();
        }

        address = address.Trim('"', '\'', ' ').Replace("mailto:", "", StringComparison.OrdinalIgnoreCase);
        if (address.IndexOf('@', StringComparison.Ordinal) <= 0 || address.Any(char.IsWhiteSpace))
        {
            return null;
        }

        name = string.IsNullOrWhiteSpace(name) ? null : EncodedWords.Decode(name).Trim();
        return new MailboxAddress(name, address);
    }

    private static string StripComments(string text)
    {
        var result = new StringBuilder(text.Length);
        var depth = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"' && depth == 0)
            {
                quoted = !quoted;
            }
            else if (c == '(' && !quoted)
            {
                depth++;
                continue;
            }
            else if (c == ')' && !quoted && depth > 0)
            {
                depth--;
                continue;
            }

            if (depth == 0)
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    private static int IndexOutside(string text, char wanted)
    {
        var quoted = false;
        var angle = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == wanted && !quoted && (!angle || wanted == '<'))
            {
                return i;
            }

            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '<' && !quoted)
            {
                angle = true;
            }
            else if (c == '>' && !quoted)
            {
                angle = false;
            }
        }

        return -1;
    }

    /// <summary>Splits on <paramref name="separator"/> outside quotes, angle brackets and comments; ';' also ends a group.</summary>
    private static IEnumerable<string> SplitOutside(string text, char separator)
    {
        var current = new StringBuilder();
        var quoted = false;
        var angle = false;
        var comment = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && quoted && i + 1 < text.Length)
            {
                current.Append(c).Append(text[++i]);
                continue;
            }

            switch (c)
            {
                case '"' when comment == 0:
                    quoted = !quoted;
                    break;
                case '<' when !quoted:
                    angle = true;
                    break;
                case '>' when !quoted:
                    angle = false;
                    break;
                case '(' when !quoted:
                    comment++;
                    break;
                case ')' when !quoted && comment > 0:
                    comment--;
                    break;
            }

            if ((c == separator || c == ';') && !quoted && !angle && comment == 0)
            {
                yield return current.ToString();
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        yield return current.ToString();
    }
}
