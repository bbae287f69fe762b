using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Surveys.Distribution;

/// <summary>
/// Sends one reminder to customers who were sent an invitation and have not answered after the
/// survey's <see cref="Survey.ReminderAfterDays"/>. Never to someone who unsubscribed or refused
/// email since, and never during their quiet hours (they get it on a later round).
/// </summary>
public sealed class ReminderJob(TouchpointDbContext db, IServiceScopeFactory scopes, IOptions<DistributionOptions> options, TimeProvider clock)
{
    /// <summary>Sends the reminders due now in every workspace; returns how many it sent.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var surveys = await db.Surveys.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.ReminderAfterDays != null && s.Status == SurveyStatus.Live)
            .Select(s => new { s.Id, s.WorkspaceId, Days = s.ReminderAfterDays!.Value }).ToListAsync(ct);
        var sent = 0;
        foreach (var survey in surveys)
        {
            var sentBefore = now.AddDays(-survey.Days);
            var due = await db.SurveyInvitations.IgnoreQueryFilters().AsNoTracking()
                .Where(i => i.SurveyId == survey.Id && i.Status == InvitationStatus.Sent && i.RespondedAt == null && i.RemindedAt == null
                    && i.SentAt <= sentBefore)
                .Where(i => !db.Customers.IgnoreQueryFilters().Any(c => c.Id == i.CustomerId && (c.Consent.Surveys == false || c.Consent.Email == false)))
                .OrderBy(i => i.SentAt).Take(options.Value.BatchSize)
                .Select(i => new { i.Id, i.CustomerId }).ToListAsync(ct);
            if (due.Count == 0)
            {
                continue;
            }

            var rules = await db.ContactRules.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(r => r.WorkspaceId == survey.WorkspaceId, ct)
                ?? new ContactRules();
            var workspaceZone = await db.Workspaces.AsNoTracking().Where(w => w.Id == survey.WorkspaceId).Select(w => w.TimeZone).FirstAsync(ct);
            var quiet = QuietHours.Of(rules);
            foreach (var invitation in due)
            {
                if (quiet is not null)
                {
                    var zone = await ZoneOfAsync(invitation.CustomerId, workspaceZone, ct);
                    if (quiet.NextAllowed(now, zone) > now)
                    {
                        continue;
                    }
                }

                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(survey.WorkspaceId);
                if (await scope.ServiceProvider.GetRequiredService<InvitationMailer>().RemindAsync(invitation.Id, ct))
                {
                    sent++;
                }
            }
        }

        return sent;
    }

    private async Task<TimeZoneInfo> ZoneOfAsync(Guid? customerId, string workspaceZone, CancellationToken ct)
    {
        var own = customerId is { } id
            ? await db.Customers.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == id).Select(c => c.TimeZone).FirstOrDefaultAsync(ct)
            : null;
        return own is not null && TimeZoneInfo.TryFindSystemTimeZoneById(own, out var zone) ? zone
            : TimeZoneInfo.TryFindSystemTimeZoneById(workspaceZone, out var fallback) ? fallback
            : TimeZoneInfo.Utc;
    }
}
