using Touchpoint.Core.Data;

namespace Touchpoint.Core.Platform;

/// <summary>A user's role in one workspace.</summary>
public sealed class Membership : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Workspace? Workspace { get; set; }
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public WorkspaceRole Role { get; set; }
    public DateTime CreatedAt { get; set; }
}
