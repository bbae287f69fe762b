using System.Globalization;
using System.Text.Json.Nodes;
using Touchpoint.Core.Surveys.Definition;

namespace Touchpoint.Web.Feedback;

/// <summary>
/// Reads one survey page's plain HTML form into answers. Field names: the question id (scales,
/// single and multiple choice, text), <c>{id}.{row}</c> for a matrix row, <c>{id}.{choice}</c> for a
/// ranking's rank of one option. Empty fields are no answer.
/// </summary>
internal static class SurveyForm
{
    public sealed record Read(JsonObject Answers, HashSet<string> Posted, Dictionary<string, string> Errors);

    public static Read From(SurveyPage page, IFormCollection form)
    {
        var answers = new JsonObject();
        var posted = new HashSet<string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var question in page.Questions)
        {
            var value = ReadOne(question, form, out var error);
            if (error is not null)
            {
                errors[question.Id] = error;
                posted.Add(question.Id);
            }
            else if (value is not null)
            {
                answers[question.Id] = value;
                posted.Add(question.Id);
            }
        }

        return new Read(answers, posted, errors);
    }

    private static JsonNode? ReadOne(Question question, IFormCollection form, out string? error)
    {
        error = null;
        switch (question.Type)
        {
            case QuestionType.Nps or QuestionType.Csat or QuestionType.Ces or QuestionType.Rating:
                var raw = Single(form, question.Id);
                if (raw is null)
                {
                    return null;
                }

                if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                {
                    // Parsed from JSON text, as API answers are: conditions compare both alike.
                    return JsonNode.Parse(number.ToString(CultureInfo.InvariantCulture));
                }

                var (min, max) = question.Scale!.Value;
                error = $"Choose a whole number from {min} to {max}.";
                return null;
            case QuestionType.Single or QuestionType.Text:
                return Single(form, question.Id) is { } text ? JsonValue.Create(question.Type == QuestionType.Text ? text.Trim() : text) : null;
            case QuestionType.Multiple:
                var picked = form[question.Id].Where(v => !string.IsNullOrEmpty(v)).Select(v => (JsonNode?)JsonValue.Create(v)).ToArray();
                return picked.Length > 0 ? new JsonArray(picked) : null;
            case QuestionType.Matrix:
                var grid = new JsonObject();
                foreach (var row in question.Rows ?? [])
                {
                    if (Single(form, $"{question.Id}.{row.Value}") is { } column)
                    {
                        grid[row.Value] = column;
                    }
                }

                return grid.Count > 0 ? grid : null;
            case QuestionType.Ranking:
                return Ranking(question, form, out error);
            default:
                return null;
        }
    }

    /// <summary>Without JavaScript a ranking is a rank (1 = first) chosen per option; the answer lists the options in rank order.</summary>
    private static JsonArray? Ranking(Question question, IFormCollection form, out string? error)
    {
        error = null;
        var choices = question.Choices ?? [];
        var ranks = choices.Select(c => (c.Value, Rank: Single(form, $"{question.Id}.{c.Value}"))).ToList();
        if (ranks.All(r => r.Rank is null))
        {
            return null;
        }

        var parsed = ranks.Select(r => (r.Value, Rank: int.TryParse(r.Rank, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0)).ToList();
        if (parsed.Any(r => r.Rank < 1 || r.Rank > choices.Count) || parsed.Select(r => r.Rank).Distinct().Count() != choices.Count)
        {
            error = $"Give each option a different rank from 1 to {choices.Count}.";
            return null;
        }

        return new JsonArray(parsed.OrderBy(r => r.Rank).Select(r => (JsonNode?)JsonValue.Create(r.Value)).ToArray());
    }

    private static string? Single(IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) && values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) is { } value ? value : null;
}
