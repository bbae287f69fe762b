using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Tracking;

/// <summary>
/// Keeps <c>Customer.LastSeenAt</c> current without a write per request: tracking calls record who
/// they saw, and every couple of seconds one statement stores the latest time for all of them. An
/// event's own write stays its only transaction; "last seen" trails by at most the flush interval.
/// </summary>
public sealed partial class LastSeenRecorder(IServiceScopeFactory scopes, ILogger<LastSeenRecorder> logger) : BackgroundService
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(2);

    private ConcurrentDictionary<Guid, DateTime> _seen = new();

    public void Record(Guid customerId, DateTime at) =>
        _seen.AddOrUpdate(customerId, at, (_, earlier) => at > earlier ? at : earlier);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: the last flush happens in StopAsync.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    /// <summary>Stores what was recorded since the last flush: one UPDATE per distinct time, never moving a time backwards.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        var batch = Interlocked.Exchange(ref _seen, new ConcurrentDictionary<Guid, DateTime>());
        if (batch.IsEmpty)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Rounded to the second, so customers seen in the same second share one statement.
            foreach (var group in batch.GroupBy(s => s.Value.AddTicks(-(s.Value.Ticks % TimeSpan.TicksPerSecond)), s => s.Key))
            {
                var at = group.Key;
                foreach (var ids in group.Chunk(500))
                {
                    await db.Customers.IgnoreQueryFilters().Where(c => ids.Contains(c.Id) && (c.LastSeenAt == null || c.LastSeenAt < at))
                        .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastSeenAt, at), ct);
                }
            }

            await transaction.CommitAsync(ct);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // A hint, not a record: a failed flush is logged and the next sighting sets it again.
            LogFlushFailed(batch.Count, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store last-seen times of {Count} customers: {Error}")]
    private partial void LogFlushFailed(int count, string error);
}
