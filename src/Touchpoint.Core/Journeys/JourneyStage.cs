using Touchpoint.Core.Data;

namespace Touchpoint.Core.Journeys;

/// <summary>One stage of a journey, e.g. "purchase"; <see cref="Position"/> orders them.</summary>
public sealed class JourneyStage : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid JourneyId { get; set; }
    public required string Name { get; set; }
    public int Position { get; set; }
    public List<TouchPoint> TouchPoints { get; set; } = [];
}
