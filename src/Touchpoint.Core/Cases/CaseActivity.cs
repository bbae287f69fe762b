using Touchpoint.Core.Data;

namespace Touchpoint.Core.Cases;

/// <summary>
/// One line of a case's history, oldest first: notes, changes of status and owner, emails to and from
/// the customer, compensation, approvals, SLA warnings and escalations. Never edited.
/// </summary>
public sealed class CaseActivity : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid CaseId { get; set; }
    public CaseActivityKind Kind { get; set; }
    /// <summary>The user who acted; null for the system (rules, SLA clocks) and the customer.</summary>
    public Guid? ActorId { get; set; }
    /// <summary>Human-readable text: the note, the email body, "status: new → in progress".</summary>
    public string? Body { get; set; }
    /// <summary>Structured details as JSON (old and new values, amounts, the outbox message id).</summary>
    public string? Data { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum CaseActivityKind
{
    Created,
    Note,
    StatusChanged,
    Assigned,
    Updated,
    EmailSent,
    EmailReceived,
    Reopened,
    FeedbackAdded,
    CompensationGranted,
    ApprovalRequested,
    ApprovalDecided,
    SlaWarning,
    SlaBreached,
    Escalated,
    FollowUpSent,
}
