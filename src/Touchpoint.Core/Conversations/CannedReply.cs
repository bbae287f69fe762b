using Touchpoint.Core.Data;

namespace Touchpoint.Core.Conversations;

/// <summary>A saved answer an agent inserts by typing "/" and its shortcut.</summary>
public sealed class CannedReply : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    /// <summary>Lower-case letters, digits and dashes, unique in the workspace (e.g. "refund-policy").</summary>
    public required string Shortcut { get; set; }
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }
}
