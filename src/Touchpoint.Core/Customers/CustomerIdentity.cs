using Touchpoint.Core.Data;

namespace Touchpoint.Core.Customers;

/// <summary>
/// Another id that points at a customer: an anonymous id from a device, or a previous id named in an
/// alias call. Tracking looks events up by these; identify and alias move them when profiles merge.
/// </summary>
public sealed class CustomerIdentity : IWorkspaceOwned
{
    public long Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public Guid CustomerId { get; set; }
    public IdentityKind Kind { get; set; }
    public required string Value { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum IdentityKind
{
    AnonymousId,
    /// <summary>A former user id, from <c>alias</c>.</summary>
    PreviousId,
}
