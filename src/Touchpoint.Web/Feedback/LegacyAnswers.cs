using System.Text.Json.Nodes;
using Touchpoint.Core.Surveys.Definition;

namespace Touchpoint.Web.Feedback;

/// <summary>
/// The first API body, <c>{score, comment}</c>, still accepted: the score answers the headline
/// question and the comment the first text question, and errors come back under the old names.
/// </summary>
internal sealed record LegacyAnswers(JsonObject Answers, string? ScoreId, string? CommentId)
{
    /// <summary>Null when the body sends <c>answers</c> (or neither shape).</summary>
    public static LegacyAnswers? From(SurveyDefinition definition, SubmitResponseRequest body)
    {
        if (body.Answers is not null || (body.Score is null && body.Comment is null && definition.Headline is null))
        {
            return null;
        }

        var scoreId = definition.Headline?.Id;
        var commentId = definition.Questions.FirstOrDefault(q => q.Type == QuestionType.Text)?.Id;
        var answers = new JsonObject();
        if (body.Score is { } score && scoreId is not null)
        {
            answers[scoreId] = score;
        }

        if (body.Comment is { } comment && commentId is not null)
        {
            answers[commentId] = comment;
        }

        // Read back from JSON text, as answers sent in a body are: conditions compare them alike.
        return new LegacyAnswers(JsonNode.Parse(answers.ToJsonString())!.AsObject(), scoreId, commentId);
    }

    public Dictionary<string, string[]> Rename(Dictionary<string, string[]> errors) =>
        errors.ToDictionary(e => e.Key == $"answers.{ScoreId}" ? "score" : e.Key == $"answers.{CommentId}" ? "comment" : e.Key, e => e.Value);
}
