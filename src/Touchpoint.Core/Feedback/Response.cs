using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Feedback;

/// <summary>One answered survey. Keyed by a number: responses are the high-volume rows.</summary>
public sealed class Response : IWorkspaceOwned
{
    public long Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public Guid SurveyId { get; set; }
    public Guid? CustomerId { get; set; }
    public Guid? TouchPointId { get; set; }
    public Channel? Channel { get; set; }
    /// <summary>Copied from the survey so metrics never need a join.</summary>
    public SurveyMetric Metric { get; set; }
    public int Score { get; set; }
    public string? Comment { get; set; }
    public DateTime SubmittedAt { get; set; }
}
