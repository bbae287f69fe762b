using Touchpoint.Core.Data;

namespace Touchpoint.Core.Conversations;

/// <summary>An agent who took part in a conversation (assigned, replied or transferred it): "agents involved".</summary>
public sealed class ConversationAgent : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid ConversationId { get; set; }
    public Guid UserId { get; set; }
    public DateTime JoinedAt { get; set; }
}
