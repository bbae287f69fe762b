using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace Touchpoint.Core.Data;

/// <summary>
/// A background job that repairs or completes state from what is already stored, every <c>period</c>
/// (on the host's <see cref="TimeProvider"/>): nothing is lost across a restart, because each round reads
/// the database afresh. A round that fails on the database is reported and the next one tries again.
/// </summary>
public abstract class PeriodicSweep(TimeSpan period, TimeProvider clock) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(period, Clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is DbUpdateException or DbException or InvalidOperationException)
            {
                OnSweepFailed(ex);
            }
        }
    }

    /// <summary>One round; returns how many items it handled.</summary>
    public abstract Task<int> SweepAsync(CancellationToken ct = default);

    /// <summary>Logs a failed round (each sweep says in its own words what it could not do).</summary>
    protected abstract void OnSweepFailed(Exception ex);
}
