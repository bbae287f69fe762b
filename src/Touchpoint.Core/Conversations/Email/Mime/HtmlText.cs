using System.Net;
using System.Text.RegularExpressions;

namespace Touchpoint.Core.Conversations.Email.Mime;

/// <summary>
/// HTML mail to plain text for the conversation: tags stripped, entities decoded, paragraphs and
/// line breaks kept, link targets written after their text. HTML is never stored to be shown.
/// </summary>
public static partial class HtmlText
{
    public static string ToPlain(string html)
    {
        var text = Hidden().Replace(html, " ");
        text = Whitespace().Replace(text, " ");
        text = Link().Replace(text, m =>
        {
            var target = WebUtility.HtmlDecode(m.Groups["href"].Value).Trim();
            var label = Tag().Replace(m.Groups["label"].Value, "").Trim();
            var shown = WebUtility.HtmlDecode(label).Trim();
            return target.Length == 0 || target.StartsWith('#') || target.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
                || shown.Equals(target, StringComparison.OrdinalIgnoreCase)
                || ("mailto:" + shown).Equals(target, StringComparison.OrdinalIgnoreCase)
                ? label
                : $"{label} ({target})";
        });
        text = LineBreak().Replace(text, "\n");
        text = BlockEnd().Replace(text, "\n");
        text = ListItem().Replace(text, "\n- ");
        text = Tag().Replace(text, "");
        text = WebUtility.HtmlDecode(text).Replace('\u00a0', ' ');
        var lines = text.Split('\n').Select(l => l.Trim());
        text = string.Join('\n', lines);
        return ManyBlankLines().Replace(text, "\n\n").Trim();
    }

    [GeneratedRegex(@"<(script|style|head|title)\b[^>]*>.*?</\1\s*>|<!--.*?-->", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Hidden();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"<a\b[^>]*?\bhref\s*=\s*(?:""(?<href>[^""]*)""|'(?<href>[^']*)'|(?<href>[^\s>]+))[^>]*>(?<label>.*?)</a\s*>",
        RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Link();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"</(p|div|tr|table|h[1-6]|blockquote|ul|ol|pre)\s*>|<(p|div|table|tr|h[1-6]|blockquote|hr)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"<li\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ListItem();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex ManyBlankLines();
}
