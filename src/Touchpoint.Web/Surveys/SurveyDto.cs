using Touchpoint.Core.Surveys;

namespace Touchpoint.Web.Surveys;

/// <summary>A survey as the REST API shows it; <c>publicUrl</c> is where respondents answer.</summary>
internal sealed record SurveyDto(Guid Id, string Name, SurveyMetric Metric, string Question, string CommentPrompt,
    SurveyStatus Status, Guid? TouchPointId, string PublicUrl, DateTime CreatedAt)
{
    public static SurveyDto From(Survey s, string publicUrl) =>
        new(s.Id, s.Name, s.Metric, s.Question, s.CommentPrompt, s.Status, s.TouchPointId, publicUrl, s.CreatedAt);
}

/// <summary>The body of POST /api/v1/surveys. <c>question</c> defaults to the metric's standard wording.</summary>
internal sealed record CreateSurveyRequest(string? Name, SurveyMetric? Metric, string? Question, string? CommentPrompt, Guid? TouchPointId);
