using Touchpoint.Core.Data;

namespace Touchpoint.Core.Platform;

/// <summary>An emailed invitation to join a workspace with a role. The token is stored hashed.</summary>
public sealed class Invitation : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string Email { get; set; }
    public WorkspaceRole Role { get; set; }
    public required string TokenHash { get; set; }
    public Guid InvitedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
}
