using Touchpoint.Core.Email;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Web.Surveys.Distribution;

/// <summary>An invitation as the REST API shows it, with the delivery status of its email and reminder.</summary>
internal sealed record InvitationDto(
    Guid Id, Guid SurveyId, Guid? CustomerId, string Email, InvitationSource Source, InvitationStatus Status, string? Reason,
    DateTime ScheduledFor, DateTime? SentAt, DateTime? RemindedAt, DateTime? RespondedAt, Guid? TouchPointId, Channel? Channel,
    string? Agent, string? OrderId, Guid? ConversationId, string? Language, DeliveryDto? Delivery, DeliveryDto? ReminderDelivery, DateTime CreatedAt)
{
    public static InvitationDto From(SurveyInvitation i, OutboxMessage? email = null, OutboxMessage? reminder = null) => new(
        i.Id, i.SurveyId, i.CustomerId, i.Email, i.Source, i.Status, i.SuppressedReason, i.ScheduledFor, i.SentAt, i.RemindedAt,
        i.RespondedAt, i.TouchPointId, i.Channel, i.Agent, i.OrderId, i.ConversationId, i.Language,
        DeliveryDto.From(email), DeliveryDto.From(reminder), i.CreatedAt);
}

/// <summary>Where the email is: pending (with the last error while retrying), sent, or failed after the last retry.</summary>
internal sealed record DeliveryDto(OutboxStatus Status, int Attempts, string? LastError, DateTime? SentAt)
{
    public static DeliveryDto? From(OutboxMessage? m) => m is null ? null : new(m.Status, m.Attempts, m.LastError, m.SentAt);
}

/// <summary>One line of the report of POST /invitations: what happened to that recipient.</summary>
internal sealed record InvitationReportRow(int Index, string Result, Guid? InvitationId, Guid? CustomerId, string? Email,
    DateTime? ScheduledFor, string? Reason, Dictionary<string, string[]>? Errors);

internal sealed record InvitationReport(int Invited, int Scheduled, int Suppressed, int Failed, IReadOnlyList<InvitationReportRow> Recipients);
