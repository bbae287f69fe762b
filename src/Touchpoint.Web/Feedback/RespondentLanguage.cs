using Microsoft.Net.Http.Headers;
using Touchpoint.Core.Surveys.Definition;

namespace Touchpoint.Web.Feedback;

/// <summary>The language a respondent reads a survey in: the one asked for, else the browser's best match, else the survey's default.</summary>
internal static class RespondentLanguage
{
    public static string Choose(SurveyDefinition definition, string? requested, string? acceptLanguage)
    {
        if (Match(definition, requested) is { } asked)
        {
            return asked;
        }

        if (!string.IsNullOrWhiteSpace(acceptLanguage)
            && StringWithQualityHeaderValue.TryParseList(acceptLanguage.Split(','), out var preferences))
        {
            foreach (var preference in preferences.Where(p => p.Quality is null or > 0).OrderByDescending(p => p.Quality ?? 1))
            {
                if (Match(definition, preference.Value.Value) is { } found)
                {
                    return found;
                }
            }
        }

        return definition.DefaultLanguage;
    }

    /// <summary>The survey's language for a tag: exact, else its base language ("de" for "de-AT"); null when the survey has neither.</summary>
    private static string? Match(SurveyDefinition definition, string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var exact = definition.Languages.FirstOrDefault(l => string.Equals(l, tag, StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
        {
            return exact;
        }

        var dash = tag.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 ? definition.Languages.FirstOrDefault(l => string.Equals(l, tag[..dash], StringComparison.OrdinalIgnoreCase)) : null;
    }
}
