using Touchpoint.Core.Data;

namespace Touchpoint.Core.Conversations;

/// <summary>
/// One message of a conversation. <see cref="Seq"/> is unique in the conversation and gap-free, so a
/// client can always tell whether it missed something. Internal notes are never shown to the customer.
/// </summary>
public sealed class ConversationMessage : IWorkspaceOwned
{
    public long Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public Guid ConversationId { get; set; }
    public long Seq { get; set; }
    public MessageAuthor Author { get; set; }
    /// <summary>The agent who wrote it (agent messages and notes).</summary>
    public Guid? AuthorUserId { get; set; }
    /// <summary>Plain text as written; encoded wherever it is shown.</summary>
    public required string Body { get; set; }
    /// <summary>An internal note: agents only.</summary>
    public bool Private { get; set; }
    /// <summary>For email: the Message-ID header, so replies can be threaded by In-Reply-To and References.</summary>
    public string? EmailMessageId { get; set; }
    /// <summary>Per-sender idempotency key: a client that resends after a lost acknowledgement gets the same message.</summary>
    public string? ClientId { get; set; }
    /// <summary>For an agent's reply: seconds since the oldest customer message it answers (next response time).</summary>
    public int? ResponseSeconds { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// Set on a message just appended with no files (and not from an email, whose files are kept
    /// right after): whoever shows it needs not look for files. False when unknown, e.g. loaded.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Schema.NotMapped]
    public bool AppendedWithoutFiles { get; set; }

    /// <summary>
    /// Set on a customer's message just appended: what the analyser found, saved with it. Lets the live
    /// push show it to agents without reading it back. Null when unknown (loaded, or not analysed).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Schema.NotMapped]
    public Text.Storage.AnalyzedText? Analysis { get; set; }
}

public enum MessageAuthor
{
    Customer,
    Agent,
    System,
}
