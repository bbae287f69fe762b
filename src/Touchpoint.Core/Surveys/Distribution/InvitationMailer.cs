using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Email;

namespace Touchpoint.Core.Surveys.Distribution;

/// <summary>
/// Turns one due invitation into an email in the outbox, in the same transaction that marks it sent,
/// so an invitation is sent exactly when its email exists. The claim is a guarded UPDATE (only a row
/// still Scheduled, or not yet reminded, changes): when two nodes race, one updates it and the other
/// updates nothing and moves on, on SQLite and PostgreSQL alike. Runs in a scope that acts in the
/// invitation's workspace.
/// </summary>
public sealed class InvitationMailer(TouchpointDbContext db, Outbox outbox, OutboxSignal outboxSignal, SurveyLinks links, TimeProvider clock)
{
    public async Task<bool> SendAsync(Guid invitationId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.SurveyInvitations
            .Where(i => i.Id == invitationId && i.Status == InvitationStatus.Scheduled && i.ScheduledFor <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InvitationStatus.Sent).SetProperty(i => i.SentAt, now), ct);
        if (claimed == 0)
        {
            return false;
        }

        var invitation = await db.SurveyInvitations.FirstAsync(i => i.Id == invitationId, ct);
        var (survey, customer) = await ContextOfAsync(invitation, ct);
        // Things change while an invitation waits for quiet hours to end.
        var reason = survey?.Status != SurveyStatus.Live ? "The survey is closed."
            : customer?.Consent.Surveys == false ? "The customer unsubscribed from surveys."
            : customer?.Consent.Email == false ? "The customer does not accept email."
            : null;
        if (reason is not null)
        {
            invitation.Status = InvitationStatus.Suppressed;
            invitation.SuppressedReason = reason;
            invitation.SentAt = null;
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }

        var email = await TryBuildAsync(survey!, invitation, customer, reminder: false, ct);
        if (email is null)
        {
            invitation.Status = InvitationStatus.Suppressed;
            invitation.SuppressedReason = UnreadableDefinition;
            invitation.SentAt = null;
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }

        var message = outbox.Enqueue(email, invitation.WorkspaceId, invitation.CustomerId);
        await db.SaveChangesAsync(ct);
        invitation.OutboxMessageId = message.Id;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        outboxSignal.Notify();
        return true;
    }

    /// <summary>Sends the one reminder of an invitation that was sent and not answered.</summary>
    public async Task<bool> RemindAsync(Guid invitationId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.SurveyInvitations
            .Where(i => i.Id == invitationId && i.Status == InvitationStatus.Sent && i.RespondedAt == null && i.RemindedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RemindedAt, now), ct);
        if (claimed == 0)
        {
            return false;
        }

        var invitation = await db.SurveyInvitations.FirstAsync(i => i.Id == invitationId, ct);
        var (survey, customer) = await ContextOfAsync(invitation, ct);
        var email = survey is null ? null : await TryBuildAsync(survey, invitation, customer, reminder: true, ct);
        if (email is null)
        {
            // RemindedAt stays set: a survey that cannot be read is not retried every round.
            await transaction.CommitAsync(ct);
            return false;
        }

        var message = outbox.Enqueue(email, invitation.WorkspaceId, invitation.CustomerId);
        await db.SaveChangesAsync(ct);
        invitation.ReminderOutboxMessageId = message.Id;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        outboxSignal.Notify();
        return true;
    }

    private async Task<(Survey? Survey, Customer? Customer)> ContextOfAsync(SurveyInvitation invitation, CancellationToken ct)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == invitation.SurveyId, ct);
        var customer = invitation.CustomerId is { } id ? await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) : null;
        return (survey, customer);
    }

    private const string UnreadableDefinition = "The survey's definition could not be read; fix the survey and invite again.";

    /// <summary>The email, or null when the survey's stored definition cannot be read (it is never sent half-built).</summary>
    private async Task<EmailMessage?> TryBuildAsync(Survey survey, SurveyInvitation invitation, Customer? customer, bool reminder, CancellationToken ct)
    {
        try
        {
            return await BuildAsync(survey, invitation, customer, reminder, ct);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<EmailMessage> BuildAsync(Survey survey, SurveyInvitation invitation, Customer? customer, bool reminder, CancellationToken ct)
    {
        var company = await db.Workspaces.AsNoTracking().Where(w => w.Id == invitation.WorkspaceId).Select(w => w.Name).FirstAsync(ct);
        var touchPoint = invitation.TouchPointId is { } tp
            ? await db.TouchPoints.AsNoTracking().Where(t => t.Id == tp).Select(t => t.Name).FirstOrDefaultAsync(ct)
            : null;
        var hidden = invitation.Hidden is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(invitation.Hidden) ?? [];
        var content = new InvitationEmail.Content(invitation.Email, customer?.Name, company, invitation.Agent, touchPoint, hidden,
            invitation.Language, reminder);
        return InvitationEmail.Build(survey, survey.ReadDefinition(), invitation, content, links);
    }
}
