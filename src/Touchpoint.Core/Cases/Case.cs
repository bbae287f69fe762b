using Touchpoint.Core.Data;

namespace Touchpoint.Core.Cases;

/// <summary>
/// A customer problem someone owns until it is solved: opened by an alert rule, by hand from a
/// response, conversation or customer, or through the API. It carries the feedback that opened it,
/// its owner and team, its SLA clocks, how it was resolved and what the customer was given.
/// </summary>
public sealed class Case : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    /// <summary>Sequential within the workspace (1, 2, 3 ...): what people say and type ("case 42").</summary>
    public int Number { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public CaseStatus Status { get; set; } = CaseStatus.New;
    public CasePriority Priority { get; set; } = CasePriority.Normal;
    public CaseSource Source { get; set; } = CaseSource.Manual;

    /// <summary>Who the case is about, and the feedback that opened it (each optional).</summary>
    public Guid? CustomerId { get; set; }
    public long? ResponseId { get; set; }
    public Guid? ConversationId { get; set; }
    public long? EventId { get; set; }
    public Guid? AlertRuleId { get; set; }
    public Guid? TouchPointId { get; set; }

    /// <summary>The user who owns the case, and the team whose queue it sits in.</summary>
    public Guid? OwnerId { get; set; }
    public Guid? TeamId { get; set; }

    /// <summary>The TOKEN in cases+TOKEN@domain: the customer's email replies thread back to this case.</summary>
    public required string ReplyToken { get; set; }

    public string? RootCause { get; set; }
    public string? ResolutionCode { get; set; }
    public string? ResolutionNote { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>The first time the owner reached the customer (an email or a reply in the conversation).</summary>
    public DateTime? FirstContactAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public int ReopenCount { get; set; }

    /// <summary>The SLA policy the clocks were set from, and the targets (UTC) it gave.</summary>
    public Guid? SlaPolicyId { get; set; }
    public DateTime? FirstResponseDueAt { get; set; }
    public DateTime? ResolutionDueAt { get; set; }
    /// <summary>When the warning before a breach was sent (once per target), and when each target was breached.</summary>
    public DateTime? SlaWarnedAt { get; set; }
    public DateTime? FirstResponseBreachedAt { get; set; }
    public DateTime? ResolutionBreachedAt { get; set; }
    public DateTime? EscalatedAt { get; set; }

    /// <summary>The close-the-loop follow-up survey sent when the case was resolved, if any.</summary>
    public Guid? FollowUpInvitationId { get; set; }

    /// <summary>Optimistic concurrency: two people editing one case never silently overwrite each other.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsOpen => Status is not (CaseStatus.Resolved or CaseStatus.Closed);
}

public enum CaseStatus
{
    New,
    InProgress,
    WaitingOnCustomer,
    Resolved,
    Closed,
}

public enum CasePriority
{
    Low,
    Normal,
    High,
    Urgent,
}

/// <summary>How a case came to be.</summary>
public enum CaseSource
{
    Manual,
    Rule,
    Api,
}
