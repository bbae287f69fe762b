using Touchpoint.Core.Data;

namespace Touchpoint.Core.Journeys;

/// <summary>A stage on a channel, e.g. "checkout on web". Events, responses, conversations and cases point here.</summary>
public sealed class TouchPoint : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid StageId { get; set; }
    public JourneyStage? Stage { get; set; }
    public required string Name { get; set; }
    public Channel Channel { get; set; }
    /// <summary>The team that owns what happens here: cases opened at this touch point go to its queue.</summary>
    public Guid? OwnerTeamId { get; set; }
}
