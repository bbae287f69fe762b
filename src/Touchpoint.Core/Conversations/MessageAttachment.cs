using Touchpoint.Core.Data;

namespace Touchpoint.Core.Conversations;

/// <summary>
/// A file sent in a chat or an email. The bytes live in the database (every node sees them, backups
/// hold them) and are served only to those who may see the conversation, as a download, never inline
/// as HTML.
/// </summary>
public sealed class MessageAttachment : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid ConversationId { get; set; }
    /// <summary>Null while uploaded but not yet sent with a message.</summary>
    public long? MessageId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required byte[] Content { get; set; }
    public DateTime CreatedAt { get; set; }
}
