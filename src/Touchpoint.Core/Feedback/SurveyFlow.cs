using System.Text.Json.Nodes;
using Touchpoint.Core.Surveys.Definition;

namespace Touchpoint.Core.Feedback;

/// <summary>
/// Which pages and questions a respondent sees for their answers: display conditions and branch
/// rules, decided on the server so a tampered form cannot reach a question the logic hides.
/// </summary>
public static class SurveyFlow
{
    /// <summary>The page after <paramref name="page"/>: the first branch rule that holds, else the next page; null when the survey ends.</summary>
    public static SurveyPage? Next(SurveyDefinition definition, SurveyPage page, IReadOnlyDictionary<string, JsonNode?> answers)
    {
        foreach (var rule in page.Branches)
        {
            if (ConditionEvaluator.Holds(rule.If, answers))
            {
                return rule.GoTo == BranchRule.End ? null : definition.Pages.FirstOrDefault(p => p.Id == rule.GoTo);
            }
        }

        var index = definition.Pages.IndexOf(page);
        return index >= 0 && index + 1 < definition.Pages.Count ? definition.Pages[index + 1] : null;
    }

    /// <summary>The pages a respondent passes through with these answers, first to last. A branch back to a page already seen ends the walk.</summary>
    public static List<SurveyPage> Path(SurveyDefinition definition, IReadOnlyDictionary<string, JsonNode?> answers)
    {
        var path = new List<SurveyPage>();
        var page = definition.Pages.FirstOrDefault();
        while (page is not null && !path.Contains(page))
        {
            path.Add(page);
            page = Next(definition, page, answers);
        }

        return path;
    }

    /// <summary>Hidden fields are never shown; any other question is shown when its display condition holds.</summary>
    public static bool IsShown(Question question, IReadOnlyDictionary<string, JsonNode?> answers) =>
        question.Type != QuestionType.Hidden && ConditionEvaluator.Holds(question.DisplayIf, answers);

    /// <summary>The questions of <paramref name="page"/> the respondent sees.</summary>
    public static IEnumerable<Question> Shown(SurveyPage page, IReadOnlyDictionary<string, JsonNode?> answers) =>
        page.Questions.Where(q => IsShown(q, answers));

    /// <summary>
    /// Answers worth keeping on completion: hidden fields, and the questions shown on the path the
    /// answers take. A respondent who went back and changed course leaves no answers on pages they no longer pass.
    /// </summary>
    public static JsonObject Keep(SurveyDefinition definition, JsonObject answers)
    {
        var view = View(answers);
        var shown = Path(definition, view).SelectMany(p => Shown(p, view)).Select(q => q.Id)
            .Concat(definition.Questions.Where(q => q.Type == QuestionType.Hidden).Select(q => q.Id))
            .ToHashSet(StringComparer.Ordinal);
        var kept = new JsonObject();
        foreach (var (id, value) in answers)
        {
            if (shown.Contains(id) && value is not null)
            {
                kept[id] = value.DeepClone();
            }
        }

        return kept;
    }

    /// <summary>Answers as the condition evaluator reads them.</summary>
    public static IReadOnlyDictionary<string, JsonNode?> View(JsonObject answers) =>
        answers.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
}
