using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Cases.Sla;

/// <summary>
/// Watches the SLA clocks of open cases in every workspace: at the policy's warning point it warns the
/// owner (or, unassigned, the team), and at a breach it records the breach and escalates (notifies the
/// policy's escalation person, and when the policy says so hands the case to them).
/// Safe on several nodes: each warning and breach is claimed by a conditional update inside the
/// transaction that writes its history and notifications, so it happens exactly once and is never half done.
/// </summary>
public sealed class SlaMonitor(IServiceScopeFactory scopes, IOptions<SlaOptions> options, TimeProvider clock, ILogger<SlaMonitor> logger)
    : BackgroundService
{
    private const string Actor = "system:sla";
    private const int Batch = 500;

    public sealed record Round(int Warned, int Breached);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                // Nothing was claimed without its history (one transaction each): the next round retries.
                logger.LogWarning(ex, "Checking SLA clocks failed; retrying in the next round");
            }

            await Task.Delay(TimeSpan.FromSeconds(options.Value.PollSeconds), clock, stoppingToken);
        }
    }

    private sealed record Candidate(Guid Id, Guid WorkspaceId, Guid PolicyId, DateTime? FirstContactAt, DateTime? FirstResponseDueAt,
        DateTime? ResolutionDueAt, DateTime? FirstResponseBreachedAt, DateTime? ResolutionBreachedAt, DateTime? SlaWarnedAt);

    /// <summary>One pass over every open case with a running clock, a page at a time; returns what it did.</summary>
    public async Task<Round> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var total = new Round(0, 0);
        for (var page = 0; ; page++)
        {
            var (candidates, policies) = await PageAsync(page, ct);
            var round = await CheckAsync(candidates, policies, now, ct);
            total = new Round(total.Warned + round.Warned, total.Breached + round.Breached);
            if (candidates.Count < Batch)
            {
                return total;
            }
        }
    }

    /// <summary>
    /// One page of the cases whose clocks still run. A case that changes meanwhile may shift between pages
    /// and be looked at in the next round instead: 30 seconds later, never lost.
    /// </summary>
    private async Task<(List<Candidate> Candidates, Dictionary<Guid, SlaPolicy> Policies)> PageAsync(int page, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        var candidates = await db.Cases.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.SlaPolicyId != null && c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed
                && ((c.FirstContactAt == null && c.FirstResponseDueAt != null && c.FirstResponseBreachedAt == null)
                    || (c.ResolutionDueAt != null && c.ResolutionBreachedAt == null)))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Skip(page * Batch).Take(Batch)
            .Select(c => new Candidate(c.Id, c.WorkspaceId, c.SlaPolicyId!.Value, c.FirstContactAt, c.FirstResponseDueAt, c.ResolutionDueAt,
                c.FirstResponseBreachedAt, c.ResolutionBreachedAt, c.SlaWarnedAt))
            .ToListAsync(ct);
        var ids = candidates.Select(c => c.PolicyId).Distinct().ToList();
        var policies = await db.SlaPolicies.IgnoreQueryFilters().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return (candidates, policies);
    }

    private async Task<Round> CheckAsync(List<Candidate> candidates, Dictionary<Guid, SlaPolicy> policies, DateTime now, CancellationToken ct)
    {
        var (warned, breached) = (0, 0);
        foreach (var candidate in candidates)
        {
            if (!policies.TryGetValue(candidate.PolicyId, out var policy))
            {
                continue;
            }

            try
            {
                var (w, b) = await CheckAsync(candidate, policy, now, ct);
                (warned, breached) = (warned + w, breached + b);
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                // One case that cannot be handled now (a conflict, a lock timeout) does not hold up the others.
                logger.LogWarning(ex, "Checking the SLA of case {CaseId} failed; retrying in the next round", candidate.Id);
            }
        }

        return new Round(warned, breached);
    }

    /// <summary>Failures worth retrying next round (a conflict, a lock timeout, hours that cannot be read); anything else is a bug and stops the worker loudly.</summary>
    private static bool IsTransient(Exception ex) =>
        ex is DbUpdateException or DbException or InvalidOperationException or TimeoutException or ArgumentException;

    private async Task<(int Warned, int Breached)> CheckAsync(Candidate candidate, SlaPolicy policy, DateTime now, CancellationToken ct)
    {
        var (warned, breached) = (0, 0);
        var businessClock = BusinessClock.FromJson(policy.BusinessHours);
        var firstResponseRuns = candidate.FirstContactAt is null && candidate.FirstResponseDueAt is not null && candidate.FirstResponseBreachedAt is null;
        var resolutionRuns = candidate.ResolutionDueAt is not null && candidate.ResolutionBreachedAt is null;
        var breaches = new List<SlaTarget>();
        if (firstResponseRuns && candidate.FirstResponseDueAt <= now)
        {
            breaches.Add(SlaTarget.FirstResponse);
        }

        if (resolutionRuns && candidate.ResolutionDueAt <= now)
        {
            breaches.Add(SlaTarget.Resolution);
        }

        foreach (var target in breaches)
        {
            breached += await BreachAsync(candidate.Id, candidate.WorkspaceId, target, policy, now, ct) ? 1 : 0;
        }

        // A warning for a target that has not breached yet; one warning covers both targets when they come due together.
        var warnings = new List<(SlaTarget Target, DateTime WarnAt)>();
        if (firstResponseRuns && !breaches.Contains(SlaTarget.FirstResponse)
            && WarnPoint(businessClock, candidate.FirstResponseDueAt!.Value, policy.FirstResponseMinutes, policy.WarnAtPercent) is var fr
            && fr <= now && (candidate.SlaWarnedAt is null || candidate.SlaWarnedAt < fr))
        {
            warnings.Add((SlaTarget.FirstResponse, fr));
        }

        if (resolutionRuns && !breaches.Contains(SlaTarget.Resolution)
            && WarnPoint(businessClock, candidate.ResolutionDueAt!.Value, policy.ResolutionMinutes, policy.WarnAtPercent) is var res
            && res <= now && (candidate.SlaWarnedAt is null || candidate.SlaWarnedAt < res))
        {
            warnings.Add((SlaTarget.Resolution, res));
        }

        if (warnings.Count > 0)
        {
            warned += await WarnAsync(candidate.Id, candidate.WorkspaceId, warnings, now, ct) ? 1 : 0;
        }

        return (warned, breached);
    }

    /// <summary>The instant <paramref name="percent"/>% of the target's business time has passed: counted back from the due time, so no start time needs storing (a reopened case's clock starts at the reopening).</summary>
    public static DateTime WarnPoint(BusinessClock businessClock, DateTime dueAt, int targetMinutes, int percent) =>
        businessClock.AddMinutes(dueAt, -(targetMinutes * (100 - Math.Clamp(percent, 1, 100)) / 100.0));

    private async Task<bool> WarnAsync(Guid caseId, Guid workspaceId, List<(SlaTarget Target, DateTime WarnAt)> warnings, DateTime now,
        CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(workspaceId);
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The claim: only one node (and one round) moves SlaWarnedAt past this warning point.
        var threshold = warnings.Max(w => w.WarnAt);
        var claimed = await db.Cases.Where(c => c.Id == caseId && c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed
                && (c.SlaWarnedAt == null || c.SlaWarnedAt < threshold))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.SlaWarnedAt, now), ct);
        if (claimed == 0)
        {
            return false;
        }

        var found = await db.Cases.AsNoTracking().FirstAsync(c => c.Id == caseId, ct);
        var zone = await ZoneAsync(db, workspaceId, ct);
        var dues = warnings.Select(w => $"{w.Target.Label()} due {Local(Due(found, w.Target), zone)}").ToList();
        var body = $"SLA warning: {string.Join("; ", dues)}";
        db.CaseActivities.Add(new CaseActivity
        {
            CaseId = caseId,
            Kind = CaseActivityKind.SlaWarning,
            Body = body,
            Data = JsonSerializer.Serialize(new { targets = warnings.Select(w => w.Target.Key()), dueAt = warnings.Select(w => Due(found, w.Target)) }),
            CreatedAt = now,
        });
        var recipients = await ResponsibleAsync(db, found, ct);
        await scope.ServiceProvider.GetRequiredService<SlaNotifier>().NotifyAsync(recipients,
            new SlaNotifier.Notice($"Case {found.Number} is close to its SLA: {found.Title}", body, CaseLink(found)), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private async Task<bool> BreachAsync(Guid caseId, Guid workspaceId, SlaTarget target, SlaPolicy policy, DateTime now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(workspaceId);
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var open = db.Cases.Where(c => c.Id == caseId && c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed);
        var claimed = target == SlaTarget.FirstResponse
            ? await open.Where(c => c.FirstContactAt == null && c.FirstResponseBreachedAt == null && c.FirstResponseDueAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.FirstResponseBreachedAt, c => c.FirstResponseDueAt), ct)
            : await open.Where(c => c.ResolutionBreachedAt == null && c.ResolutionDueAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ResolutionBreachedAt, c => c.ResolutionDueAt), ct);
        if (claimed == 0)
        {
            return false;
        }

        var found = await db.Cases.FirstAsync(c => c.Id == caseId, ct);
        var zone = await ZoneAsync(db, workspaceId, ct);
        var body = $"SLA breached: the {target.Label()} target was due {Local(Due(found, target), zone)}";
        db.CaseActivities.Add(new CaseActivity
        {
            CaseId = caseId,
            Kind = CaseActivityKind.SlaBreached,
            Body = body,
            Data = JsonSerializer.Serialize(new { target = target.Key(), dueAt = Due(found, target) }),
            CreatedAt = now,
        });
        var notifier = scope.ServiceProvider.GetRequiredService<SlaNotifier>();
        var responsible = await ResponsibleAsync(db, found, ct);
        var escalateTo = policy.EscalateToUserId is { } to && await db.Memberships.AnyAsync(m => m.UserId == to, ct) ? to : (Guid?)null;
        await notifier.NotifyAsync(responsible.Where(u => u != escalateTo).ToList(),
            new SlaNotifier.Notice($"Case {found.Number} breached its SLA: {found.Title}", body, CaseLink(found)), ct);
        if (escalateTo is { } person)
        {
            await EscalateAsync(db, scope.ServiceProvider, found, person, policy.ReassignOnBreach, target, body, now, ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private static async Task EscalateAsync(TouchpointDbContext db, IServiceProvider services, Case found, Guid person, bool reassign,
        SlaTarget target, string breach, DateTime now, CancellationToken ct)
    {
        var name = await NameAsync(db, person, ct);
        var audit = services.GetRequiredService<AuditLog>();
        found.EscalatedAt = now;
        found.UpdatedAt = now;
        db.CaseActivities.Add(new CaseActivity
        {
            CaseId = found.Id,
            Kind = CaseActivityKind.Escalated,
            Body = $"Escalated to {name} after the {target.Label()} target was breached",
            Data = JsonSerializer.Serialize(new { to = person, target = target.Key() }),
            CreatedAt = now,
        });
        audit.Record(Actor, "case.escalated", $"case:{found.Number}", $"{target.Key()} -> {name}");
        var reassigned = reassign && found.OwnerId != person;
        if (reassigned)
        {
            var previous = found.OwnerId;
            var previousName = previous is { } p ? await NameAsync(db, p, ct) : "nobody";
            found.OwnerId = person;
            // Someone editing the case now gets a clear conflict instead of overwriting the new owner.
            found.Version = Guid.NewGuid();
            db.CaseActivities.Add(new CaseActivity
            {
                CaseId = found.Id,
                Kind = CaseActivityKind.Assigned,
                Body = $"Reassigned from {previousName} to {name} on SLA breach",
                Data = JsonSerializer.Serialize(new { from = previous, to = person, reason = "slaBreach" }),
                CreatedAt = now,
            });
            audit.Record(Actor, "case.reassigned", $"case:{found.Number}", $"{previousName} -> {name} (SLA breach)");
        }

        await services.GetRequiredService<SlaNotifier>().NotifyAsync([person],
            new SlaNotifier.Notice(
                reassigned ? $"Case {found.Number} is now yours: its SLA was breached" : $"Case {found.Number} was escalated to you: its SLA was breached",
                $"{found.Title}\n{breach}", CaseLink(found)), ct);
    }

    /// <summary>Who answers for a case: its owner, or when nobody owns it the members of its team.</summary>
    private static async Task<List<Guid>> ResponsibleAsync(TouchpointDbContext db, Case found, CancellationToken ct)
    {
        if (found.OwnerId is { } owner)
        {
            return [owner];
        }

        return found.TeamId is { } team ? await db.TeamMembers.Where(m => m.TeamId == team).Select(m => m.UserId).ToListAsync(ct) : [];
    }

    private static DateTime? Due(Case found, SlaTarget target) => target == SlaTarget.FirstResponse ? found.FirstResponseDueAt : found.ResolutionDueAt;

    private static string CaseLink(Case found) => $"/cases/{found.Number}";

    private static async Task<TimeZoneInfo> ZoneAsync(TouchpointDbContext db, Guid workspaceId, CancellationToken ct) =>
        (await db.Workspaces.AsNoTracking().FirstAsync(w => w.Id == workspaceId, ct)).TimeZoneInfo;

    private static string Local(DateTime? utc, TimeZoneInfo zone) => utc is { } at
        ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + $" ({zone.Id})"
        : "";

    private static async Task<string> NameAsync(TouchpointDbContext db, Guid userId, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName != "" ? u.DisplayName : u.Email).FirstOrDefaultAsync(ct) ?? "a former member";
}
