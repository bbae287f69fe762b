using Touchpoint.Core.Data;
using Touchpoint.Core.Surveys.Definition;

namespace Touchpoint.Core.Surveys;

/// <summary>
/// A survey: its current definition (questions, pages, logic, languages, theme), how it is sent,
/// and its contact rules. Each saved change of the definition is a new <see cref="SurveyVersion"/>.
/// </summary>
public sealed class Survey : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string Name { get; set; }
    /// <summary>The metric of the headline question, copied onto every response so metrics never need a join.</summary>
    public SurveyMetric Metric { get; set; }
    /// <summary>The current definition as JSON (<see cref="SurveyDefinition"/>); <see cref="Version"/> says which version it is.</summary>
    public required string Definition { get; set; }
    public int Version { get; set; } = 1;
    /// <summary>The public, unguessable part of the survey's link: /s/{LinkId}.</summary>
    public required string LinkId { get; set; }
    public Guid? TouchPointId { get; set; }
    public SurveyStatus Status { get; set; } = SurveyStatus.Live;
    /// <summary>Answers keep no customer, invitation, device or snapshot: nobody can tell who answered.</summary>
    public bool Anonymous { get; set; }
    /// <summary>Days a customer is not invited to this survey again; null uses the workspace's rule alone.</summary>
    public int? QuarantineDays { get; set; }
    /// <summary>Days after which one reminder goes to an invited customer who has not answered; null sends none.</summary>
    public int? ReminderAfterDays { get; set; }
    /// <summary>The web intercept's settings as JSON (triggers, sampling); null when the survey is not shown on sites.</summary>
    public string? Intercept { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public SurveyDefinition ReadDefinition() => SurveyDefinition.FromJson(Definition);

    public static string DefaultQuestion(SurveyMetric metric, string company) => metric switch
    {
        SurveyMetric.Nps => $"How likely are you to recommend {company} to a friend or colleague?",
        SurveyMetric.Csat => $"How satisfied are you with {company}?",
        SurveyMetric.Ces => $"{company} made it easy for me to handle my issue.",
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };

    public const string DefaultCommentPrompt = "What is the main reason for your score?";
}
