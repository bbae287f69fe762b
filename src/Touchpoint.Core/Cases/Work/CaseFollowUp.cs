using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Surveys.Distribution;

namespace Touchpoint.Core.Cases.Work;

/// <summary>
/// Closing the loop: after a case is resolved, the customer is invited to a follow-up survey through
/// the surveys' distribution, so the contact rules (quarantine, quiet hours, consent, unsubscribes)
/// apply. A held-back invitation is kept as suppressed and the case's history says why. The
/// invitation's id stays on the case, so its answer shows there.
/// </summary>
public sealed class CaseFollowUp(TouchpointDbContext db, SurveyInviter inviter, CaseWork work)
{
    /// <summary>Checks before resolving that a follow-up can be asked for at all (the survey exists, the customer has an email).</summary>
    public async Task<Dictionary<string, string[]>> CheckAsync(Guid caseId, Guid surveyId, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (!await db.Surveys.AnyAsync(s => s.Id == surveyId, ct))
        {
            errors["followUpSurveyId"] = ["No survey with this id exists in your workspace."];
            return errors;
        }

        var customerId = await db.Cases.Where(c => c.Id == caseId).Select(c => c.CustomerId).FirstOrDefaultAsync(ct);
        if (customerId is not { } id || !await db.Customers.AnyAsync(c => c.Id == id && c.Email != null && c.Email != "", ct))
        {
            errors["followUpSurveyId"] = ["A follow-up survey needs the case's customer to have an email address."];
        }

        return errors;
    }

    /// <summary>Invites the customer (once the resolution is saved) and records what happened on the case.</summary>
    public async Task<CaseResult> SendAsync(Guid caseId, Guid surveyId, CaseActor actor, CancellationToken ct = default)
    {
        db.ChangeTracker.Clear();
        var target = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, ct);
        var survey = await db.Surveys.FirstOrDefaultAsync(s => s.Id == surveyId, ct);
        if (target is null || survey is null)
        {
            return new CaseResult(CaseOutcome.NotFound);
        }

        var outcome = await inviter.InviteAsync(survey, new SurveyInviter.Recipient(target.CustomerId?.ToString(), null, null, null),
            new SurveyInviter.Interaction(Surveys.InvitationSource.Trigger, target.TouchPointId, ConversationId: target.ConversationId), actor.Audit, ct);
        return await work.MutateAsync(caseId, null, actor, (m, _) =>
        {
            if (outcome.Invitation is not { } invitation)
            {
                m.Log(CaseActivityKind.FollowUpSent, $"Follow-up survey “{survey.Name}” not sent: {string.Join(" ", outcome.Errors.Values.SelectMany(v => v))}",
                    new { surveyId });
                return Task.FromResult<CaseResult?>(null);
            }

            m.Case.FollowUpInvitationId = invitation.Id;
            m.Log(CaseActivityKind.FollowUpSent, invitation.Status == Surveys.InvitationStatus.Suppressed
                    ? $"Follow-up survey “{survey.Name}” held back by the contact rules: {invitation.SuppressedReason}"
                    : $"Follow-up survey “{survey.Name}” sent to {invitation.Email}",
                new { surveyId, invitationId = invitation.Id, status = invitation.Status, reason = invitation.SuppressedReason });
            return Task.FromResult<CaseResult?>(null);
        }, ct);
    }
}
