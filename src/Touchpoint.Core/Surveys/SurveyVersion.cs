using Touchpoint.Core.Data;

namespace Touchpoint.Core.Surveys;

/// <summary>One saved version of a survey's definition. Responses name the version they answered.</summary>
public sealed class SurveyVersion : IWorkspaceOwned
{
    public long Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public Guid SurveyId { get; set; }
    public int Number { get; set; }
    public required string Definition { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}
