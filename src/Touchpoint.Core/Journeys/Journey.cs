using Touchpoint.Core.Data;

namespace Touchpoint.Core.Journeys;

/// <summary>A journey map: ordered stages a customer moves through.</summary>
public sealed class Journey : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public bool IsDefault { get; set; }
    public List<JourneyStage> Stages { get; set; } = [];
}
