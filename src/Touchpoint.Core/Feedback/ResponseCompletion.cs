using System.Text.Json.Nodes;
using Touchpoint.Core.Surveys.Definition;

namespace Touchpoint.Core.Feedback;

/// <summary>What completing a response sets, the same from the survey page and the REST API.</summary>
public static class ResponseCompletion
{
    /// <summary>
    /// Keeps the answers on the path taken, copies the headline score and the first text answer into
    /// their columns, and leaves the response for the notifier (webhooks, live feed) to pick up.
    /// </summary>
    public static void Complete(Response response, SurveyDefinition definition, JsonObject answers, DateTime submittedAt)
    {
        var kept = SurveyFlow.Keep(definition, answers);
        response.Answers = kept.ToJsonString();
        response.Score = definition.Headline is { } headline ? AnswerValidator.WholeNumber(kept[headline.Id]) : null;
        response.Comment = definition.Questions.Where(q => q.Type == QuestionType.Text)
            .Select(q => kept[q.Id] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null)
            .FirstOrDefault(text => !string.IsNullOrWhiteSpace(text));
        response.Status = ResponseStatus.Completed;
        response.SubmittedAt = submittedAt;
        response.DurationSeconds = (int)Math.Max(0, Math.Round((submittedAt - response.StartedAt).TotalSeconds));
        response.ResumeToken = null;
        response.CurrentPage = null;
        response.Notified = false;
    }

    /// <summary>Trims text answers and drops empty ones, so "  " is no answer and " ok " is "ok".</summary>
    public static void Tidy(SurveyDefinition definition, JsonObject answers)
    {
        foreach (var question in definition.Questions.Where(q => q.Type is QuestionType.Text or QuestionType.Hidden))
        {
            if (answers[question.Id] is JsonValue v && v.TryGetValue<string>(out var text))
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    answers.Remove(question.Id);
                }
                else
                {
                    answers[question.Id] = text.Trim();
                }
            }
        }
    }
}
