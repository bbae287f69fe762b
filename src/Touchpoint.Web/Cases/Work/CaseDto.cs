using System.Text.Json.Serialization;

namespace Touchpoint.Web.Cases.Work;

/// <summary>
/// A case as the API shows it: its fields with the names of the people and things it points at (the
/// customer, the owner, the team, the feedback that opened it), the follow-up survey and its answer,
/// and <see cref="Version"/> to send back as If-Match (or <c>version</c>) with a change.
/// <see cref="History"/> is there when one case is read, oldest line first.
/// </summary>
internal sealed record CaseDto(Guid Id, int Number, string Title, string? Description, string Status, string Priority, string Source,
    CaseCustomerDto? Customer, CaseOpeningDto? Opening, long? EventId, Guid? AlertRuleId, Guid? TouchPointId, CaseRefDto? Owner,
    CaseRefDto? Team, string? RootCause, string? ResolutionCode, string? ResolutionNote, DateTime CreatedAt, DateTime UpdatedAt,
    DateTime? FirstContactAt, DateTime? ResolvedAt, DateTime? ClosedAt, int ReopenCount, DateTime? FirstResponseDueAt,
    DateTime? ResolutionDueAt, CaseFollowUpDto? FollowUp, Guid Version,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<CaseActivityDto>? History = null);

internal sealed record CaseCustomerDto(Guid Id, string? Name, string? Email);

internal sealed record CaseRefDto(Guid Id, string Name);

/// <summary>The feedback that opened the case: a survey answer (score and comment) and/or a conversation.</summary>
internal sealed record CaseOpeningDto(long? ResponseId, string? Survey, string? Metric, int? Score, string? Comment, Guid? ConversationId,
    string? ConversationSubject);

/// <summary>The close-the-loop invitation: its status (scheduled, sent, suppressed, responded), why it was held back, and the answer.</summary>
internal sealed record CaseFollowUpDto(Guid InvitationId, Guid SurveyId, string Status, string? SuppressedReason, DateTime? SentAt,
    long? ResponseId, int? Score, string? Comment);

internal sealed record CaseActivityDto(Guid Id, string Kind, Guid? ActorId, string? Actor, string? Body, DateTime CreatedAt);
