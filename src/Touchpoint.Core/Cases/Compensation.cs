using Touchpoint.Core.Data;

namespace Touchpoint.Core.Cases;

/// <summary>
/// A remedy given (or asked for) on a case: granted at once within the owner's authority, otherwise
/// pending until a manager approves or denies it through a one-time link or the case page.
/// </summary>
public sealed class Compensation : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid CaseId { get; set; }
    public required string Kind { get; set; }
    public decimal? Amount { get; set; }
    public string? Currency { get; set; }
    public string? Note { get; set; }
    public CompensationStatus Status { get; set; }
    public Guid RequestedById { get; set; }
    /// <summary>The manager asked to approve, and who decided and when.</summary>
    public Guid? ApproverId { get; set; }
    public Guid? DecidedById { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
    /// <summary>SHA-256 of the one-click approval token mailed to the approver (the token itself is never stored).</summary>
    public string? ApprovalTokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

public enum CompensationStatus
{
    Granted,
    PendingApproval,
    Approved,
    Denied,
}
