using System.Text.RegularExpressions;
using Touchpoint.Core.Surveys.Definition;

namespace Touchpoint.Web.Feedback;

/// <summary>
/// A survey theme as CSS custom properties and a logo address. Colours are checked on save; they
/// are checked again here because they land in a style attribute, where only a hex colour is safe.
/// </summary>
internal static partial class ThemeCss
{
    public static string? Variables(SurveyTheme theme)
    {
        var parts = new[] { ("--primary", theme.PrimaryColor), ("--bg", theme.BackgroundColor), ("--text", theme.TextColor) }
            .Where(p => p.Item2 is not null && HexColour().IsMatch(p.Item2))
            .Select(p => $"{p.Item1}:{p.Item2}");
        var css = string.Join(";", parts);
        return css.Length > 0 ? css : null;
    }

    /// <summary>An absolute http(s) address, or null: no script or data URLs in an image source.</summary>
    public static string? Logo(SurveyTheme theme) =>
        Uri.TryCreate(theme.LogoUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : null;

    [GeneratedRegex("^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")]
    private static partial Regex HexColour();
}
