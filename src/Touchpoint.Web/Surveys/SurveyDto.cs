using Touchpoint.Core.Surveys;

namespace Touchpoint.Web.Surveys;

/// <summary>A survey as the REST API shows it; <c>publicUrl</c> is where respondents answer.</summary>
internal sealed record SurveyDto(Guid Id, string Name, SurveyMetric Metric, string Question, string CommentPrompt,
    SurveyStatus Status, Guid? TouchPointId, string PublicUrl, DateTime CreatedAt)
{
    /// <summary>question and commentPrompt are the headline question's and the first text question's titles, in the default language.</summary>
    public static SurveyDto From(Survey s, string publicUrl)
    {
        var (question, comment) = SurveyTexts.Of(s);
        return new(s.Id, s.Name, s.Metric, question, comment, s.Status, s.TouchPointId, publicUrl, s.CreatedAt);
    }
}

/// <summary>The body of POST /api/v1/surveys. <c>question</c> defaults to the metric's standard wording.</summary>
internal sealed record CreateSurveyRequest(string? Name, SurveyMetric? Metric, string? Question, string? CommentPrompt, Guid? TouchPointId);
