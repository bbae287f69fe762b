using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Surveys.Distribution;

/// <summary>
/// Sends invitations when they are due (at once, or when the customer's quiet hours end) and runs
/// the <see cref="ReminderJob"/>. Woken by <see cref="InvitationSignal"/> for new invitations;
/// otherwise it looks every <see cref="DistributionOptions.PollSeconds"/>.
/// </summary>
public sealed partial class InvitationScheduler(
    IServiceScopeFactory scopes,
    InvitationSignal signal,
    IOptions<DistributionOptions> options,
    TimeProvider clock,
    ILogger<InvitationScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunScheduler)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sent = await SendDueAsync(stoppingToken);
                await using (var scope = scopes.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<ReminderJob>().RunAsync(stoppingToken);
                }

                if (sent < options.Value.BatchSize)
                {
                    await signal.WaitAsync(TimeSpan.FromSeconds(options.Value.PollSeconds), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogRoundFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(options.Value.PollSeconds), clock, stoppingToken);
            }
        }
    }

    /// <summary>Sends every invitation due now, in every workspace; returns how many it looked at.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<(Guid Id, Guid WorkspaceId)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
            due = (await db.SurveyInvitations.IgnoreQueryFilters().AsNoTracking()
                .Where(i => i.Status == InvitationStatus.Scheduled && i.ScheduledFor <= now)
                .OrderBy(i => i.ScheduledFor).Take(options.Value.BatchSize)
                .Select(i => new { i.Id, i.WorkspaceId }).ToListAsync(ct)).Select(i => (i.Id, i.WorkspaceId)).ToList();
        }

        foreach (var (id, workspaceId) in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(workspaceId);
            await scope.ServiceProvider.GetRequiredService<InvitationMailer>().SendAsync(id, ct);
        }

        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending due survey invitations failed; retrying after the poll interval")]
    private partial void LogRoundFailed(Exception ex);
}
