using Touchpoint.Core.Data;

namespace Touchpoint.Core.Conversations;

/// <summary>A workspace member who answers an inbox's conversations.</summary>
public sealed class InboxAgent : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid InboxId { get; set; }
    public Guid UserId { get; set; }
}
