using System.Text.RegularExpressions;

namespace Touchpoint.Core.Surveys.Definition;

/// <summary>
/// Fills {placeholders} in question texts: {customer.name}, {customer.firstName}, {agent},
/// {touchPoint}, {hidden.ID} and {answer.ID}. An unknown or empty value leaves nothing (never the
/// raw placeholder). The result is plain text: pages encode it when they show it.
/// </summary>
public static partial class Piping
{
    public static string Fill(string text, Func<string, string?> valueOf) =>
        text.Contains('{', StringComparison.Ordinal)
            ? Placeholder().Replace(text, m => valueOf(m.Groups[1].Value) ?? "")
            : text;

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9_.\-]{0,80})\}")]
    private static partial Regex Placeholder();
}
