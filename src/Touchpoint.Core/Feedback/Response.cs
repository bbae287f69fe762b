using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Feedback;

/// <summary>
/// One survey response, partial while the respondent is on the way and completed on the last page.
/// Keyed by a number: responses are the high-volume rows. <see cref="Score"/> and
/// <see cref="Comment"/> copy the headline question's score and the first free-text answer, set on
/// completion, so metrics and text analytics read columns, not JSON.
/// </summary>
public sealed class Response : IWorkspaceOwned
{
    public long Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public Guid SurveyId { get; set; }
    /// <summary>The survey version answered.</summary>
    public int Version { get; set; } = 1;
    public ResponseStatus Status { get; set; } = ResponseStatus.Completed;
    public Guid? CustomerId { get; set; }
    public Guid? InvitationId { get; set; }
    public Guid? TouchPointId { get; set; }
    public Guid? JourneyStageId { get; set; }
    public Channel? Channel { get; set; }
    public string? Agent { get; set; }
    public Guid? ConversationId { get; set; }
    public string? OrderId { get; set; }
    /// <summary>Copied from the survey so metrics never need a join.</summary>
    public SurveyMetric Metric { get; set; }
    /// <summary>The headline question's score; null until completed or when it was not answered.</summary>
    public int? Score { get; set; }
    public string? Comment { get; set; }
    /// <summary>Every answer, question id to JSON value, hidden fields included.</summary>
    public string Answers { get; set; } = "{}";
    /// <summary>Who the customer was when they answered: segments, persona, lifecycle stage, reporting traits (JSON).</summary>
    public string? Snapshot { get; set; }
    public string? Language { get; set; }
    /// <summary>mobile, tablet or desktop, from the browser; null for API submissions and anonymous surveys.</summary>
    public string? Device { get; set; }
    public DateTime StartedAt { get; set; }
    /// <summary>Completion time, or the last page saved while partial. Metrics and lists order by it.</summary>
    public DateTime SubmittedAt { get; set; }
    public int? DurationSeconds { get; set; }
    /// <summary>Lets the respondent's browser resume a partial response; cleared on completion.</summary>
    public string? ResumeToken { get; set; }
    /// <summary>
    /// False from completion until the response's webhooks are queued in the outbox and the live feed
    /// has heard of it (ResponseNotifier): a crash in between loses nothing, the notifier picks it up again.
    /// </summary>
    public bool Notified { get; set; }
    /// <summary>The page a partial response resumes at.</summary>
    public string? CurrentPage { get; set; }
}

public enum ResponseStatus
{
    InProgress,
    Completed,
}
