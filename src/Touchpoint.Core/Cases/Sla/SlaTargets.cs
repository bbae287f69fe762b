using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Cases.Sla;

/// <summary>
/// Sets a case's SLA targets from the policy of its priority: when it is opened, when its priority
/// changes (the new targets count from the opening, as if it had had that priority all along) and when
/// it is reopened (a new resolution target from now; first contact was made already or still counts
/// from the opening). No policy for the priority: no targets.
/// </summary>
public sealed class SlaTargets(TimeProvider clock) : ICaseStep
{
    public async Task ApplyAsync(TouchpointDbContext db, Case target, CaseMoment moment, CancellationToken ct)
    {
        // A case being opened joins the current workspace on save; one changed by a worker names its own.
        var policies = target.WorkspaceId == Guid.Empty
            ? db.SlaPolicies
            : db.SlaPolicies.IgnoreQueryFilters().Where(p => p.WorkspaceId == target.WorkspaceId);
        var policy = await policies.AsNoTracking().FirstOrDefaultAsync(p => p.Priority == target.Priority, ct);
        Apply(target, policy, moment, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>The rule itself, without the database: what the targets become at a moment.</summary>
    public static void Apply(Case target, SlaPolicy? policy, CaseMoment moment, DateTime now)
    {
        if (policy is null)
        {
            target.SlaPolicyId = null;
            target.FirstResponseDueAt = target.FirstContactAt is null ? null : target.FirstResponseDueAt;
            target.ResolutionDueAt = null;
            return;
        }

        var businessClock = BusinessClock.FromJson(policy.BusinessHours);
        target.SlaPolicyId = policy.Id;
        if (target.FirstContactAt is null)
        {
            target.FirstResponseDueAt = businessClock.AddMinutes(target.CreatedAt, policy.FirstResponseMinutes);
            if (target.FirstResponseDueAt > now)
            {
                target.FirstResponseBreachedAt = null;
            }
        }

        var resolutionFrom = moment == CaseMoment.Reopened ? now : target.CreatedAt;
        target.ResolutionDueAt = businessClock.AddMinutes(resolutionFrom, policy.ResolutionMinutes);
        if (target.ResolutionDueAt > now)
        {
            target.ResolutionBreachedAt = null;
        }

        // New targets get their own warning.
        if (moment != CaseMoment.Opened)
        {
            target.SlaWarnedAt = null;
        }
    }
}
