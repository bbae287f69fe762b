using Touchpoint.Core.Data;

namespace Touchpoint.Core.Customers;

/// <summary>A customer type defined by a rule (the same rule language as segments). Lower priority numbers win.</summary>
public sealed class Persona : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    /// <summary>A rule tree as JSON; see Segments/SegmentRule.</summary>
    public required string Rule { get; set; }
    public int Priority { get; set; }
    public DateTime CreatedAt { get; set; }
}
