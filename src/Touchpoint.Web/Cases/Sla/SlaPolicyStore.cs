using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Web.Conversations;

namespace Touchpoint.Web.Cases.Sla;

/// <summary>Reads and replaces a workspace's SLA policies (one per priority), for the API and the settings page alike.</summary>
internal sealed class SlaPolicyStore(TouchpointDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<List<SlaPolicy>> ListAsync(CancellationToken ct) =>
        (await db.SlaPolicies.AsNoTracking().ToListAsync(ct)).OrderByDescending(p => p.Priority).ToList();

    public async Task<IReadOnlySet<Guid>> MembersAsync(CancellationToken ct) =>
        (await db.Memberships.AsNoTracking().Select(m => m.UserId).ToListAsync(ct)).ToHashSet();

    /// <summary>
    /// Makes the stored set equal to <paramref name="wanted"/>: a priority's policy keeps its id when it
    /// changes, a priority left out loses its policy. Cases already open keep the targets they were given.
    /// </summary>
    public async Task ReplaceAsync(IReadOnlyList<SlaPolicy> wanted, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var current = await db.SlaPolicies.ToListAsync(ct);
        db.SlaPolicies.RemoveRange(current.Where(c => wanted.All(w => w.Priority != c.Priority)));
        foreach (var policy in wanted)
        {
            var stored = current.FirstOrDefault(c => c.Priority == policy.Priority);
            if (stored is null)
            {
                stored = new SlaPolicy { Priority = policy.Priority };
                db.SlaPolicies.Add(stored);
            }

            stored.FirstResponseMinutes = policy.FirstResponseMinutes;
            stored.ResolutionMinutes = policy.ResolutionMinutes;
            stored.WarnAtPercent = policy.WarnAtPercent;
            stored.BusinessHours = policy.BusinessHours;
            stored.EscalateToUserId = policy.EscalateToUserId;
            stored.ReassignOnBreach = policy.ReassignOnBreach;
            stored.UpdatedAt = now;
        }

        audit.Record(actor, "sla.policies.updated", "sla-policies",
            wanted.Count == 0 ? "none" : string.Join("; ", wanted.OrderByDescending(p => p.Priority).Select(Describe)));
        await db.SaveChangesAsync(ct);
    }

    private static string Describe(SlaPolicy p)
    {
        var hours = p.BusinessHours is null ? "every minute" : "business hours";
        var escalation = p.EscalateToUserId is { } e ? $", escalate to {e}{(p.ReassignOnBreach ? " and reassign" : "")}" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{JsonNames.Of(p.Priority)}: first response {p.FirstResponseMinutes} min, resolution {p.ResolutionMinutes} min, warn at {p.WarnAtPercent}%, {hours}{escalation}");
    }
}
