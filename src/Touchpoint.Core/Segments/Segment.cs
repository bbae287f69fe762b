using Touchpoint.Core.Data;

namespace Touchpoint.Core.Segments;

/// <summary>
/// A group of customers: dynamic (everyone who meets a rule, kept current as data arrives) or a
/// static list (members added and removed by hand or import). Members are stored in
/// <see cref="SegmentMember"/> so analytics and snapshots can join on them.
/// </summary>
public sealed class Segment : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public SegmentKind Kind { get; set; }
    /// <summary>The rule tree as JSON (dynamic segments only).</summary>
    public string? Rule { get; set; }
    public int MemberCount { get; set; }
    public DateTime? RecomputedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum SegmentKind
{
    Dynamic,
    Static,
}

/// <summary>A customer in a segment, since when.</summary>
public sealed class SegmentMember : IWorkspaceOwned
{
    public Guid WorkspaceId { get; set; }
    public Guid SegmentId { get; set; }
    public Guid CustomerId { get; set; }
    public DateTime AddedAt { get; set; }
}
