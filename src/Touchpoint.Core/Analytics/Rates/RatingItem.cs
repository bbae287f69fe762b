using System.Text.Json.Nodes;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Surveys.Definition;

namespace Touchpoint.Core.Analytics.Rates;

/// <summary>
/// One rated thing of a survey other than its headline score: a star/points rating, a second NPS, CSAT or CES
/// question, or one row (statement) of a matrix. Matrix answers are scored by the column's position, 1 for
/// the first column, as a Likert grid is laid out from one end of the scale to the other.
/// </summary>
public sealed record RatingItem(string QuestionId, string? Row, string Title, string? RowText, QuestionType Type, int Min, int Max)
{
    /// <summary>The rating items of a definition, in the order the survey asks them; the headline question is not one.</summary>
    public static IReadOnlyList<RatingItem> Of(SurveyDefinition definition)
    {
        var headline = definition.Headline;
        var language = definition.DefaultLanguage;
        var items = new List<RatingItem>();
        foreach (var question in definition.Questions.Where(q => !ReferenceEquals(q, headline)))
        {
            var title = question.Title.In(language, language);
            if (question.Type is QuestionType.Matrix && question.Choices is { Count: > 1 } columns)
            {
                items.AddRange((question.Rows ?? []).Select(row =>
                    new RatingItem(question.Id, row.Value, title, row.Text.In(language, language), question.Type, 1, columns.Count)));
            }
            else if (question.Type is not QuestionType.Matrix && question.Scale is { } scale)
            {
                items.Add(new RatingItem(question.Id, null, title, null, question.Type, scale.Min, scale.Max));
            }
        }

        return items;
    }

    /// <summary>The answer's score on this item, or null when it was not answered or is not a value of the scale.</summary>
    public int? ScoreIn(JsonObject answers, Question question)
    {
        if (!answers.TryGetPropertyValue(QuestionId, out var value) || value is null)
        {
            return null;
        }

        int? score;
        if (Row is { } row)
        {
            var column = value is JsonObject grid && grid.TryGetPropertyValue(row, out var cell) && cell is JsonValue v
                && v.TryGetValue<string>(out var chosen) ? chosen : null;
            var position = column is null ? -1 : question.Choices!.FindIndex(c => c.Value == column);
            score = position < 0 ? null : position + 1;
        }
        else
        {
            score = AnswerValidator.WholeNumber(value);
        }

        return score is { } s && s >= Min && s <= Max ? s : null;
    }
}
