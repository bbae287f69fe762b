using Touchpoint.Core.Data;

namespace Touchpoint.Core.Conversations;

/// <summary>A group of agents a conversation can be handed to (billing, returns, VIP).</summary>
public sealed class Team : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class TeamMember : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid TeamId { get; set; }
    public Guid UserId { get; set; }
}
