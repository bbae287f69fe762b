using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;

namespace Touchpoint.Core.Surveys;

/// <summary>
/// A personal request to answer a survey: an email invitation or a post-interaction trigger. Its
/// <see cref="Token"/> is in the survey link and allows one response; the interaction's details
/// (touch point, channel, agent, order, conversation, hidden values) go onto that response.
/// </summary>
public sealed class SurveyInvitation : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid SurveyId { get; set; }
    public Guid? CustomerId { get; set; }
    public required string Email { get; set; }
    /// <summary>Unguessable; the survey link's <c>?t=</c>.</summary>
    public required string Token { get; set; }
    public InvitationSource Source { get; set; }
    public InvitationStatus Status { get; set; }
    /// <summary>Why the invitation was not sent (quarantine, no consent, unsubscribed), in words for the user.</summary>
    public string? SuppressedReason { get; set; }
    /// <summary>When it goes out: now, or after the customer's quiet hours.</summary>
    public DateTime ScheduledFor { get; set; }
    public long? OutboxMessageId { get; set; }
    public DateTime? SentAt { get; set; }
    public long? ReminderOutboxMessageId { get; set; }
    public DateTime? RemindedAt { get; set; }
    public DateTime? OpenedAt { get; set; }
    public DateTime? RespondedAt { get; set; }
    /// <summary>Null for anonymous surveys: the invitation knows it was answered, not which answer is theirs.</summary>
    public long? ResponseId { get; set; }
    public Guid? TouchPointId { get; set; }
    public Channel? Channel { get; set; }
    public string? Agent { get; set; }
    public string? OrderId { get; set; }
    public Guid? ConversationId { get; set; }
    public string? Language { get; set; }
    /// <summary>Values for the survey's hidden fields, as a JSON object.</summary>
    public string? Hidden { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum InvitationSource
{
    Email,
    Trigger,
}

public enum InvitationStatus
{
    /// <summary>Waiting for its send time (quiet hours) or for the outbox.</summary>
    Scheduled,
    Sent,
    /// <summary>Not sent: see <see cref="SurveyInvitation.SuppressedReason"/>.</summary>
    Suppressed,
    Responded,
}
