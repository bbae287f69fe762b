using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Surveys.Distribution;

/// <summary>
/// Decides whether, and when, a customer may be sent a survey: never when the survey is closed, the
/// customer unsubscribed or refused email, has no address, or was asked (or answered) within the
/// workspace's or the survey's quarantine; otherwise at the requested time, moved past quiet hours
/// in the customer's time zone (the workspace's when the customer's is unknown).
/// </summary>
public sealed class ContactPolicy(TouchpointDbContext db)
{
    public async Task<ContactDecision> DecideAsync(Survey survey, Customer? customer, string? email, DateTime earliest, CancellationToken ct = default)
    {
        var rules = await db.ContactRules.AsNoTracking().FirstOrDefaultAsync(ct) ?? new ContactRules();
        var workspaceZone = await db.Workspaces.AsNoTracking().Where(w => w.Id == survey.WorkspaceId).Select(w => w.TimeZone).FirstOrDefaultAsync(ct) ?? "UTC";
        DateTime? any = null, same = null;
        if (customer is not null)
        {
            var days = Math.Max(rules.QuarantineDays ?? 0, survey.QuarantineDays ?? 0);
            if (days > 0)
            {
                var since = earliest.AddDays(-days);
                var invitations = db.SurveyInvitations.AsNoTracking()
                    .Where(i => i.CustomerId == customer.Id && i.Status != InvitationStatus.Suppressed && i.CreatedAt >= since);
                var responses = db.Responses.AsNoTracking().Where(r => r.CustomerId == customer.Id && r.SubmittedAt >= since);
                any = Latest(await invitations.MaxAsync(i => (DateTime?)i.CreatedAt, ct), await responses.MaxAsync(r => (DateTime?)r.SubmittedAt, ct));
                same = Latest(await invitations.Where(i => i.SurveyId == survey.Id).MaxAsync(i => (DateTime?)i.CreatedAt, ct),
                    await responses.Where(r => r.SurveyId == survey.Id).MaxAsync(r => (DateTime?)r.SubmittedAt, ct));
            }
        }

        var facts = new ContactFacts(survey.Status, survey.QuarantineDays, customer?.Consent, email ?? customer?.Email,
            customer?.TimeZone, workspaceZone, rules, any, same);
        return Decide(facts, earliest);
    }

    /// <summary>The rules themselves, on facts already read.</summary>
    public static ContactDecision Decide(ContactFacts facts, DateTime earliest)
    {
        if (facts.SurveyStatus != SurveyStatus.Live)
        {
            return ContactDecision.Suppress(earliest, "The survey is closed.");
        }

        if (facts.Consent?.Surveys == false)
        {
            return ContactDecision.Suppress(earliest, "The customer unsubscribed from surveys.");
        }

        if (facts.Consent?.Email == false)
        {
            return ContactDecision.Suppress(earliest, "The customer does not accept email.");
        }

        if (string.IsNullOrWhiteSpace(facts.Email))
        {
            return ContactDecision.Suppress(earliest, "The customer has no email address.");
        }

        if (facts.Rules.QuarantineDays is > 0 and var global && facts.LastContactAnySurvey is { } lastAny && lastAny > earliest.AddDays(-global))
        {
            return ContactDecision.Suppress(earliest, $"Quarantine: the customer was asked for feedback in the last {global} days (workspace rule).");
        }

        if (facts.SurveyQuarantineDays is > 0 and var own && facts.LastContactThisSurvey is { } lastSame && lastSame > earliest.AddDays(-own))
        {
            return ContactDecision.Suppress(earliest, $"Quarantine: the customer was asked this survey in the last {own} days (survey rule).");
        }

        var quiet = QuietHours.Of(facts.Rules);
        return ContactDecision.Send(quiet is null ? earliest : quiet.NextAllowed(earliest, ZoneOf(facts)));
    }

    private static TimeZoneInfo ZoneOf(ContactFacts facts) =>
        facts.CustomerTimeZone is { } own && TimeZoneInfo.TryFindSystemTimeZoneById(own, out var zone) ? zone
        : TimeZoneInfo.TryFindSystemTimeZoneById(facts.WorkspaceTimeZone, out var workspace) ? workspace
        : TimeZoneInfo.Utc;

    private static DateTime? Latest(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
