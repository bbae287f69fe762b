using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Tracking;

/// <summary>
/// Keeps <c>Customer.LastSeenAt</c> current without a write per request: tracking calls record who
/// they saw, and every couple of seconds the group-commit writer stores the latest times, between two
/// batches of events (a second writer would make queued events wait for the database lock).
/// "Last seen" is kept to the <see cref="Precision"/>: a customer seen again within it is not written
/// again, so a busy user costs one update a minute, not one per event.
/// </summary>
public sealed partial class LastSeenRecorder(GroupCommitWriter writer, TimeProvider clock, ILogger<LastSeenRecorder> logger)
    : BackgroundService
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Precision = TimeSpan.FromMinutes(1);

    private ConcurrentDictionary<Guid, DateTime> _seen = new();
    // The time last stored per customer on this node; entries older than the precision are dropped at each flush.
    private readonly ConcurrentDictionary<Guid, DateTime> _stored = new();

    public void Record(Guid customerId, DateTime at)
    {
        if (_stored.TryGetValue(customerId, out var stored) && at - stored < Precision)
        {
            return;
        }

        _seen.AddOrUpdate(customerId, at, (_, earlier) => at > earlier ? at : earlier);
    }

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
        ForgetOldStoredTimes();
        var batch = Interlocked.Exchange(ref _seen, new ConcurrentDictionary<Guid, DateTime>());
        if (batch.IsEmpty)
        {
            return;
        }

        try
        {
            await writer.RunAsync(db => StoreAsync(db, batch, ct), ct);
            foreach (var (customerId, at) in batch)
            {
                _stored[customerId] = at;
            }
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException
            or System.Threading.Channels.ChannelClosedException)
        {
            // A hint, not a record: a failed flush is logged and the next sighting sets it again.
            LogFlushFailed(batch.Count, ex.Message);
        }
    }

    private static async Task StoreAsync(TouchpointDbContext db, ConcurrentDictionary<Guid, DateTime> batch, CancellationToken ct)
    {
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

    private void ForgetOldStoredTimes()
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - Precision;
        foreach (var (customerId, at) in _stored)
        {
            if (at < cutoff)
            {
                _stored.TryRemove(new KeyValuePair<Guid, DateTime>(customerId, at));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store last-seen times of {Count} customers: {Error}")]
    private partial void LogFlushFailed(int count, string error);
}
