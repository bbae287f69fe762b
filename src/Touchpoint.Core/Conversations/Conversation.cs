using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;

namespace Touchpoint.Core.Conversations;

/// <summary>
/// One thread with a customer on one channel: its messages (numbered 1, 2, 3 ... by
/// <see cref="LastSeq"/>, so a client that reconnects asks for everything after the last it has),
/// who handles it, its state, and the times that feed analytics and SLAs.
/// </summary>
public sealed class Conversation : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid InboxId { get; set; }
    public Guid? CustomerId { get; set; }
    public Channel Channel { get; set; } = Channel.Chat;
    public ConversationStatus Status { get; set; } = ConversationStatus.Open;
    public Priority Priority { get; set; } = Priority.None;
    public DateTime? SnoozedUntil { get; set; }
    public Guid? AssigneeId { get; set; }
    public Guid? TeamId { get; set; }
    public string? Subject { get; set; }
    /// <summary>Name and email the visitor gave (pre-chat form, offline message, email From).</summary>
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    /// <summary>SHA-256 of the widget's visitor token: only that browser may read and write this conversation.</summary>
    public string? VisitorTokenHash { get; set; }
    /// <summary>The TOKEN in support+TOKEN@domain: replies by email thread here.</summary>
    public required string ReplyToken { get; set; }
    public Guid? TouchPointId { get; set; }
    /// <summary>The sequence number of the newest message; the next message takes LastSeq + 1.</summary>
    public long LastSeq { get; set; }
    /// <summary>Read receipts: the highest sequence number each side has seen.</summary>
    public long CustomerReadSeq { get; set; }
    public long AgentReadSeq { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastMessageAt { get; set; }
    /// <summary>Set when the first agent (or the first assignment) picks the conversation up.</summary>
    public DateTime? FirstAssignedAt { get; set; }
    public DateTime? FirstResponseAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    /// <summary>Seconds from the customer's first message to an agent's first reply.</summary>
    public int? FirstResponseSeconds { get; set; }
    /// <summary>Seconds from creation to (the last) resolution.</summary>
    public int? ResolutionSeconds { get; set; }
    /// <summary>Set when merged into another conversation; this one is then read-only.</summary>
    public Guid? MergedIntoId { get; set; }
    /// <summary>The in-chat rating after resolution (1-5), its comment and the agent it is credited to.</summary>
    public int? CsatScore { get; set; }
    public string? CsatComment { get; set; }
    public Guid? CsatAgentId { get; set; }
    /// <summary>Optimistic concurrency for status and assignment changes made by two agents at once.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}

public enum ConversationStatus
{
    Open,
    Pending,
    Snoozed,
    Resolved,
}

public enum Priority
{
    None,
    Low,
    Medium,
    High,
    Urgent,
}
