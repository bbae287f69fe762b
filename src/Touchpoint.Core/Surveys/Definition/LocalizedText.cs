namespace Touchpoint.Core.Surveys.Definition;

/// <summary>
/// A text in several languages, keyed by language tag ("en", "de", "pt-BR"). Shown in the
/// respondent's language, else the survey's default language, else any it has.
/// In JSON a plain string is the default language's text.
/// </summary>
public sealed class LocalizedText : Dictionary<string, string>
{
    public LocalizedText()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }

    public static LocalizedText Of(string language, string text) => new() { [language] = text };

    /// <summary>The text for <paramref name="language"/>, falling back to its base language ("pt" for "pt-BR"), then the default.</summary>
    public string In(string language, string defaultLanguage)
    {
        if (TryGetValue(language, out var text) && text.Length > 0)
        {
            return text;
        }

        var dash = language.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0 && TryGetValue(language[..dash], out text) && text.Length > 0)
        {
            return text;
        }

        if (TryGetValue(defaultLanguage, out text))
        {
            return text;
        }

        return Values.FirstOrDefault() ?? "";
    }
}
