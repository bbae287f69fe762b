using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Cases;

/// <summary>
/// What a case owner may give a customer without asking anyone: per role (every agent) or per person
/// (this one agent), a kind of remedy (credit, refund, upgrade, replacement, or the workspace's own)
/// up to an amount. A person's limit overrides their role's. Above it, a manager approves.
/// </summary>
public sealed class AuthorityLimit : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    /// <summary>Exactly one of Role and UserId is set.</summary>
    public WorkspaceRole? Role { get; set; }
    public Guid? UserId { get; set; }
    public required string Kind { get; set; }
    /// <summary>The most that may be granted per case; null for remedies with no amount (a free upgrade).</summary>
    public decimal? MaxAmount { get; set; }
    public DateTime UpdatedAt { get; set; }
}
