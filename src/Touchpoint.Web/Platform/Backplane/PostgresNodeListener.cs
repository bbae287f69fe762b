using System.Data.Common;
using System.Net.Sockets;
using Npgsql;
using Touchpoint.Core.Data.Backplane;

namespace Touchpoint.Web.Platform.Backplane;

/// <summary>
/// The node's one dedicated connection (not pooled) that LISTENs to every channel in
/// <see cref="NodeChannels"/> and hands each notification to <see cref="PostgresNodeBus.Receive"/>.
/// When the connection is lost (server restart, failover, a terminated backend) it reconnects with a
/// growing pause and listens again. Notices sent while it was away are not replayed: PostgreSQL keeps
/// none for a session that is gone, and clients catch up by sequence number when they reconnect.
/// The connection's <c>application_name</c> is <see cref="ApplicationName"/>, so an operator (or a
/// test) can find it in <c>pg_stat_activity</c>.
/// </summary>
internal sealed partial class PostgresNodeListener(PostgresNodeBus bus, string connectionString, TimeProvider clock,
    ILogger<PostgresNodeListener> logger) : BackgroundService
{
    public static string ApplicationName(string nodeId) => $"touchpoint-listener-{nodeId}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = ApplicationName(bus.NodeId),
            Pooling = false,
            // A peer that vanished without closing the socket is noticed by TCP keepalives, which
            // run no query (a keepalive query would also hide the LISTEN from pg_stat_activity).
            TcpKeepAlive = true,
            TcpKeepAliveTime = 30,
            TcpKeepAliveInterval = 5,
        };
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(builder.ConnectionString, () =>
                {
                    if (failures > 0)
                    {
                        LogReconnected(failures);
                    }

                    failures = 0;
                }, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbException or IOException or SocketException or TimeoutException or InvalidOperationException)
            {
                failures++;
                var pause = Backoff.After(failures);
                LogLost(ex, pause.TotalSeconds);
                try
                {
                    await Task.Delay(pause, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ListenAsync(string connection, Action listening, CancellationToken ct)
    {
        await using var listener = new NpgsqlConnection(connection);
        await listener.OpenAsync(ct);
        listener.Notification += (_, e) => bus.Receive(e.Channel, e.Payload);
        await using (var listen = listener.CreateCommand())
        {
            // Channel names are our own constants, not input: no quoting needed.
            listen.CommandText = string.Concat(NodeChannels.All.Select(c => $"LISTEN {c};"));
            await listen.ExecuteNonQueryAsync(ct);
        }

        listening();
        while (true)
        {
            // Returns after each notification (already handed over by the event); throws when the connection breaks.
            await listener.WaitAsync(ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The backplane's LISTEN connection failed; reconnecting in {Seconds:0.#} s (notices sent meanwhile are not replayed)")]
    private partial void LogLost(Exception ex, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "The backplane listens again after {Failures} failed attempts")]
    private partial void LogReconnected(int failures);
}
