using System.Data.Common;
using System.Text;
using Npgsql;

namespace Touchpoint.Web.Platform.Backplane;

/// <summary>
/// Sends the bus's queued notices with <c>pg_notify</c>, many per round trip, from a pooled
/// connection (the feeds queue them after their commit, so nothing is told before it is visible).
/// One sender per node keeps the node's notices in the order they were published, which is the
/// order the other nodes hear them. While the database is unreachable it retries the same batch with
/// a growing pause; the queue meanwhile drops what does not fit (clients catch up by sequence number).
/// </summary>
internal sealed partial class PostgresNotifyPublisher(PostgresNodeBus bus, string connectionString, TimeProvider clock,
    ILogger<PostgresNotifyPublisher> logger) : BackgroundService
{
    /// <summary>Most notices in one round trip.</summary>
    public const int MaxBatch = 100;

    /// <summary>PostgreSQL refuses payloads of 8000 bytes or more (ours are about 200).</summary>
    public const int MaxPayloadBytes = 7999;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(string Channel, string Payload)>(MaxBatch);
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (batch.Count == 0 && !await bus.Queue.WaitToReadAsync(stoppingToken))
                {
                    return;
                }

                while (batch.Count < MaxBatch && bus.Queue.TryRead(out var next))
                {
                    var payload = next.Notice.ToJson();
                    if (Encoding.UTF8.GetByteCount(payload) <= MaxPayloadBytes)
                    {
                        batch.Add((next.Channel, payload));
                    }
                }

                try
                {
                    await SendAsync(batch, stoppingToken);
                    batch.Clear();
                    failures = 0;
                    if (bus.TakeDropped() is > 0 and var dropped)
                    {
                        LogDropped(dropped);
                    }
                }
                catch (Exception ex) when (ex is DbException or IOException or TimeoutException or InvalidOperationException
                    && !stoppingToken.IsCancellationRequested)
                {
                    failures++;
                    var pause = Backoff.After(failures);
                    LogPublishFailed(ex, batch.Count, pause.TotalSeconds);
                    await Task.Delay(pause, clock, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still queued is lost, like any notice (clients catch up).
        }
    }

    private async Task SendAsync(List<(string Channel, string Payload)> batch, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        // One batch is one implicit transaction: its notices are delivered together, in order.
        await using var command = new NpgsqlBatch(connection);
        foreach (var (channel, payload) in batch)
        {
            command.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_notify($1, $2)")
            {
                Parameters = { new NpgsqlParameter { Value = channel }, new NpgsqlParameter { Value = payload } },
            });
        }

        await command.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Telling the other nodes failed for {Count} notices; retrying in {Seconds:0.#} s (their clients catch up on reconnect)")]
    private partial void LogPublishFailed(Exception ex, int count, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} notices for the other nodes were dropped while the database was unreachable")]
    private partial void LogDropped(long count);
}
