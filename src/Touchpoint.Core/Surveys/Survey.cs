using Touchpoint.Core.Data;

namespace Touchpoint.Core.Surveys;

/// <summary>
/// A survey: one rating question for its metric and an optional comment. The foundation's walking
/// skeleton; question lists, branching and languages come with the surveys capability.
/// </summary>
public sealed class Survey : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string Name { get; set; }
    public SurveyMetric Metric { get; set; }
    public required string Question { get; set; }
    public string CommentPrompt { get; set; } = "What is the main reason for your score?";
    /// <summary>The public, unguessable part of the survey's link: /s/{LinkId}.</summary>
    public required string LinkId { get; set; }
    public Guid? TouchPointId { get; set; }
    public SurveyStatus Status { get; set; } = SurveyStatus.Live;
    public DateTime CreatedAt { get; set; }

    public static string DefaultQuestion(SurveyMetric metric, string company) => metric switch
    {
        SurveyMetric.Nps => $"How likely are you to recommend {company} to a friend or colleague?",
        SurveyMetric.Csat => $"How satisfied are you with {company}?",
        SurveyMetric.Ces => $"{company} made it easy for me to handle my issue.",
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };
}
