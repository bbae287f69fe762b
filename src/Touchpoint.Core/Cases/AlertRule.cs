using Touchpoint.Core.Data;

namespace Touchpoint.Core.Cases;

/// <summary>
/// "When this happens, open a case": a trigger (a completed response, a conversation, a tracked event),
/// conditions on it (score bands, sentiment, signals, topics, segment, touch point, values), the
/// priority of the case and how its owner is chosen. At most one open case per rule and customer:
/// further matches are added to that case instead of opening another.
/// </summary>
public sealed class AlertRule : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string Name { get; set; }
    public bool Enabled { get; set; } = true;
    public AlertTrigger Trigger { get; set; }
    /// <summary>The conditions as JSON, all of which must hold (their shape is documented in docs/cases.md).</summary>
    public string Conditions { get; set; } = "[]";
    public CasePriority Priority { get; set; } = CasePriority.Normal;
    public CaseAssignment Assignment { get; set; } = CaseAssignment.HandlingAgent;
    /// <summary>The team for <see cref="CaseAssignment.Team"/> and <see cref="CaseAssignment.RoundRobin"/>.</summary>
    public Guid? TeamId { get; set; }
    /// <summary>Round-robin's cursor: the member who was given the last case.</summary>
    public Guid? LastAssignedUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

public enum AlertTrigger
{
    Response,
    Conversation,
    Event,
}

/// <summary>How a rule picks a new case's owner.</summary>
public enum CaseAssignment
{
    /// <summary>Nobody: the case waits in the team queue (or the workspace's).</summary>
    Unassigned,
    /// <summary>The agent who handled the customer (the response's or the conversation's agent).</summary>
    HandlingAgent,
    /// <summary>The team that owns the touch point where it happened.</summary>
    TouchPointTeam,
    /// <summary>The rule's team's queue, unassigned.</summary>
    Team,
    /// <summary>The next member of the rule's team in turn.</summary>
    RoundRobin,
}
