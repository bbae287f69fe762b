using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Touchpoint.Core.Surveys.Definition;

namespace Touchpoint.Core.Feedback;

/// <summary>
/// Checks answers against a survey definition, for the survey page (one page at a time) and the
/// REST API (a whole response): required questions, scale ranges, choices that exist, matrix rows
/// and columns, rankings that order every option once, text length, and no answers to questions
/// the logic hides or the survey does not have. Errors are keyed by question id, in words a
/// respondent or a developer can act on.
/// </summary>
public static class AnswerValidator
{
    public const int MaxTextLength = 4000;
    public const int MaxHiddenLength = 500;

    /// <summary>A whole response: every question on the path the answers take, and nothing off it.</summary>
    public static Dictionary<string, string> ValidateComplete(SurveyDefinition definition, JsonObject answers)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var view = SurveyFlow.View(answers);
        var shown = SurveyFlow.Path(definition, view).SelectMany(p => SurveyFlow.Shown(p, view)).ToList();
        var shownIds = shown.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, value) in answers)
        {
            var question = definition.Find(id);
            if (question is null)
            {
                errors[id] = $"This survey has no question '{id}'.";
            }
            else if (question.Type == QuestionType.Hidden)
            {
                Check(errors, question, value);
            }
            else if (!shownIds.Contains(id) && ConditionEvaluator.IsAnswered(value))
            {
                errors[id] = NotShown;
            }
        }

        foreach (var question in shown)
        {
            Check(errors, question, answers[question.Id]);
        }

        return errors;
    }

    /// <summary>
    /// One page of the survey page. <paramref name="answers"/> holds every answer so far with this
    /// page's merged in; <paramref name="posted"/> are the ids this page's form sent.
    /// </summary>
    public static Dictionary<string, string> ValidatePage(SurveyPage page, JsonObject answers, IEnumerable<string> posted)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var view = SurveyFlow.View(answers);
        var sent = posted.ToHashSet(StringComparer.Ordinal);
        foreach (var question in page.Questions)
        {
            if (SurveyFlow.IsShown(question, view))
            {
                Check(errors, question, answers[question.Id]);
            }
            else if (question.Type != QuestionType.Hidden && sent.Contains(question.Id))
            {
                errors[question.Id] = NotShown;
            }
        }

        return errors;
    }

    public const string NotShown = "This question is not shown for the answers given, so it cannot be answered.";

    private static void Check(Dictionary<string, string> errors, Question question, JsonNode? value)
    {
        if (!ConditionEvaluator.IsAnswered(value))
        {
            if (question.Required)
            {
                errors[question.Id] = question.Type == QuestionType.Matrix ? "Answer every row of this question." : "Answer this question.";
            }

            return;
        }

        if (Problem(question, value!) is { } problem)
        {
            errors[question.Id] = problem;
        }
    }

    /// <summary>What is wrong with an answer given to <paramref name="question"/>, or null when it fits.</summary>
    public static string? Problem(Question question, JsonNode value)
    {
        var choices = question.Choices?.Select(c => c.Value).ToList() ?? [];
        switch (question.Type)
        {
            case QuestionType.Nps or QuestionType.Csat or QuestionType.Ces or QuestionType.Rating:
                var (min, max) = question.Scale!.Value;
                return WholeNumber(value) is { } score && score >= min && score <= max
                    ? null
                    : $"Choose a whole number from {min} to {max}.";
            case QuestionType.Single:
                return String(value) is { } picked && choices.Contains(picked) ? null : "Choose one of the options offered.";
            case QuestionType.Multiple:
                if (value is not JsonArray many || many.Select(String).ToList() is not { } values || values.Any(v => v is null))
                {
                    return "Send the chosen options as a list of their values.";
                }

                return values.All(v => choices.Contains(v!)) && values.Distinct().Count() == values.Count
                    ? null
                    : "Choose only options offered, each once.";
            case QuestionType.Ranking:
                if (value is not JsonArray order || order.Select(String).ToList() is not { } ranked || ranked.Any(v => v is null))
                {
                    return "Send the ranking as a list of every option's value, most preferred first.";
                }

                return ranked.Count == choices.Count && ranked.Distinct().Count() == choices.Count && ranked.All(v => choices.Contains(v!))
                    ? null
                    : $"Rank every one of the {choices.Count} options exactly once.";
            case QuestionType.Matrix:
                if (value is not JsonObject grid)
                {
                    return "Send a matrix answer as an object of row value to column value.";
                }

                var rows = question.Rows?.Select(r => r.Value).ToHashSet(StringComparer.Ordinal) ?? [];
                if (grid.Any(cell => !rows.Contains(cell.Key)))
                {
                    return "Answer only the rows this question has.";
                }

                if (grid.Any(cell => String(cell.Value) is not { } column || !choices.Contains(column)))
                {
                    return "Choose one of the columns offered in each row.";
                }

                return question.Required && grid.Count < rows.Count ? "Answer every row of this question." : null;
            case QuestionType.Text:
                return String(value) is not { } text
                    ? "Send the answer as text."
                    : text.Length > MaxTextLength ? $"Keep the answer to at most {MaxTextLength} characters (it has {text.Length})." : null;
            case QuestionType.Hidden:
                return String(value) is { Length: <= MaxHiddenLength } ? null : $"A hidden field holds text of at most {MaxHiddenLength} characters.";
            default:
                return "This question type takes no answers.";
        }
    }

    public static int? WholeNumber(JsonNode? node) =>
        // Through the JSON text: a value parsed from a request and one created in code read alike.
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue
            ? (int)d
            : null;

    private static string? String(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
