using Touchpoint.Core.Surveys;
using Touchpoint.Core.Surveys.Definition;

namespace Touchpoint.Web.Surveys;

/// <summary>A survey's headline question and first free-text question, in its default language: what lists and summaries show.</summary>
internal static class SurveyTexts
{
    public static (string Question, string Comment) Of(Survey survey)
    {
        var definition = survey.ReadDefinition();
        var language = definition.DefaultLanguage;
        var comment = definition.Questions.FirstOrDefault(q => q.Type == QuestionType.Text);
        return (definition.Headline?.Title.In(language, language) ?? "", comment?.Title.In(language, language) ?? "");
    }
}
