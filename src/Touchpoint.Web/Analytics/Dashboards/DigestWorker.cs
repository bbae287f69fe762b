using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics.Dashboards.Digests;
using Touchpoint.Core.Data;
using Touchpoint.Core.Email;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys.Distribution;

namespace Touchpoint.Web.Analytics.Dashboards;

/// <summary>
/// Sends the scheduled digests due now, every minute, on any node: each digest's outbox row is written with
/// its sent marker (unique per subscription and period) in one transaction, so a period is mailed exactly
/// once even when two nodes compose it at once, and a stop in between loses nothing (the next round sends it).
/// </summary>
internal sealed partial class DigestWorker(IServiceScopeFactory scopes, IDataProtectionProvider protection, SurveyLinks links, TimeProvider clock,
    ILogger<DigestWorker> logger) : PeriodicSweep(TimeSpan.FromMinutes(1), clock)
{
    public const string Purpose = "Touchpoint.Dashboards.Digests.Unsubscribe.v1";

    public override async Task<int> SweepAsync(CancellationToken ct = default)
    {
        List<(DigestSubscription Subscription, Workspace Workspace)> subscriptions;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
            subscriptions = (await (from s in db.DigestSubscriptions.IgnoreQueryFilters().AsNoTracking()
                                    join w in db.Workspaces.AsNoTracking() on s.WorkspaceId equals w.Id
                                    select new { s, w }).ToListAsync(ct)).Select(x => (x.s, x.w)).ToList();
        }

        var sent = 0;
        var now = Clock.GetUtcNow();
        foreach (var (subscription, workspace) in subscriptions)
        {
            if (DigestSchedule.Due(workspace, subscription, now) is { } due && await SendAsync(subscription, workspace, due, ct))
            {
                sent++;
            }
        }

        return sent;
    }

    private async Task<bool> SendAsync(DigestSubscription subscription, Workspace workspace, (string Key, DateOnly First, DateOnly Last) due,
        CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(workspace.Id);
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        if (await db.DigestDeliveries.AnyAsync(d => d.SubscriptionId == subscription.Id && d.PeriodKey == due.Key, ct))
        {
            return false;
        }

        var member = await (from m in db.Memberships
                            join u in db.Users on m.UserId equals u.Id
                            where m.UserId == subscription.UserId
                            select new { u.Email, m.Role }).FirstOrDefaultAsync(ct);
        if (member?.Email is null || member.Role is WorkspaceRole.Agent or WorkspaceRole.Employee)
        {
            return false;
        }

        var token = protection.CreateProtector(Purpose).Protect(subscription.Id.ToString("N"));
        var dashboardUrl = $"{links.Base}/?from={due.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&to={due.Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        var email = await scope.ServiceProvider.GetRequiredService<DigestComposer>().ComposeAsync(workspace, member.Email, member.Role,
            subscription.UserId, due.First, due.Last, $"{links.Base}/dashboards/digest/unsubscribe/{Uri.EscapeDataString(token)}", dashboardUrl, ct);
        scope.ServiceProvider.GetRequiredService<Outbox>().Enqueue(email, workspace.Id);
        db.DigestDeliveries.Add(new DigestDelivery { SubscriptionId = subscription.Id, PeriodKey = due.Key, CreatedAt = Clock.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another node sent this period's digest first: its marker won the unique key, and this outbox row was never written.
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The digest sweep failed; it runs again in a minute")]
    private partial void LogSweepFailed(Exception ex);

    protected override void OnSweepFailed(Exception ex) => LogSweepFailed(ex);
}
