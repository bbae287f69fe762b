using System.Data.Common;
using System.Globalization;

namespace Touchpoint.Bench;

/// <summary>
/// chat-fanout: <c>--size</c> connected chat widgets (default 5,000) and one agent; visitors send
/// <c>--rate</c> messages/s in total (default 500), open loop, for <c>--duration</c> s (default 30).
/// Each message goes through Touchpoint's hub: checked, persisted (numbered in one transaction) and
/// delivered to the agent. Figure: p99 from a message's due time to the agent receiving it. Baseline in
/// the same run: a bare SignalR echo hub (<see cref="EchoHubServer"/>), same client code, connections,
/// rate and duration. Target (docs/BENCHMARKS.md): p99 &lt;= 2x the echo's p99 and &lt;= 50 ms, nothing lost.
/// Memory per connection is reported for both: the server's RSS growth while the connections open.
/// </summary>
internal static class ChatFanoutBenchmark
{
    public const double P99LimitMs = 50;
    public const double MaxRatio = 2;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var started = DateTime.UtcNow;
        var scratch = options.ScratchFolder();
        var size = (int)(options.Size ?? 5_000);
        var rate = options.Rate ?? 500;
        var duration = TimeSpan.FromSeconds(options.Duration ?? 30);
        Console.WriteLine($"chat-fanout on {options.ProviderName}: {size} widgets + 1 agent per server, {rate} messages/s, " +
            $"{options.Runs} runs of {duration.TotalSeconds} s per server; scratch {scratch}");

        // One core runs thousands of receive loops: a few ready pool threads keep one slow completion from holding up the rest.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 8), Math.Max(io, 8));

        await using var database = await BenchDatabase.CreateAsync(options.Provider, scratch, "touchpoint");
        // The widget's start endpoint is rate limited per client address; every bench visitor comes from one address.
        await using var host = await TouchpointHost.StartAsync(database, scratch, "touchpoint", new Dictionary<string, string>
        {
            ["Touchpoint__Limits__PublicRequestsPerMinute"] = Math.Max(120, size * 2).ToString(CultureInfo.InvariantCulture),
        });
        var prepared = await ChatFanoutSetup.PrepareAsync(host, size);
        await using var echo = await StartEchoAsync(scratch);
        var echoChats = Enumerable.Range(0, size).Select(_ => new VisitorChat(Guid.NewGuid(), "echo")).ToList();

        await using var ours = await FanoutSide.ConnectAsync("touchpoint", host.BaseAddress, host.ProcessId, prepared.Chats, prepared.AgentCookie);
        await using var baseline = await FanoutSide.ConnectAsync("echo", echo.BaseAddress, echo.ProcessId, echoChats, null);
        using var keepAlive = new CancellationTokenSource();
        var pings = KeepAliveAsync([ours, baseline], keepAlive.Token);

        // Warm up both, then alternate run by run so a burst of noise on this shared machine falls on both sides.
        Console.WriteLine($"  warm-up: {WarmUp.TotalSeconds} s per server");
        await baseline.RunAsync(rate, WarmUp);
        await ours.RunAsync(rate, WarmUp);
        var oursRuns = new List<ChatRun>();
        var baselineRuns = new List<ChatRun>();
        for (var i = 0; i < options.Runs; i++)
        {
            await baseline.ReopenClosedAsync();
            baselineRuns.Add(Print(await baseline.RunAsync(rate, duration)));
            await ours.ReopenClosedAsync();
            oursRuns.Add(Print(await ours.RunAsync(rate, duration)));
        }

        await keepAlive.CancelAsync();
        await pings;
        await ours.ReopenClosedAsync();
        await baseline.ReopenClosedAsync();
        var closed = (ours.Reopened, baseline.Reopened);
        var stored = await CountMessagesAsync(database);
        var acked = oursRuns.Sum(r => r.Acked);
        if (stored < acked)
        {
            throw new InvalidOperationException($"touchpoint acknowledged {acked} messages in the runs but stored only {stored} in all.");
        }

        Write(options, started, size, rate, duration, ours, baseline, oursRuns, baselineRuns, stored, closed);
        return 0;
    }

    private static ChatRun Print(ChatRun r)
    {
        Console.WriteLine($"  {r.Server,-10} sent {r.Sent}, acked {r.Acked}, delivered {r.Delivered}, lost {r.Lost}, refused {r.Refused}; " +
            $"delivery p50 {Report.F(r.P50Ms, "0.00")} p99 {Report.F(r.P99Ms, "0.00")} max {Report.F(r.MaxMs, "0.0")} ms; " +
            $"ack p99 {Report.F(r.AckP99Ms, "0.00")} ms; generator lag {Report.F(r.MaxDispatchLagMs, "0.0")} ms" +
            (r.FirstError is null ? "" : $"; first error: {r.FirstError}"));
        return r;
    }

    private static void Write(BenchOptions options, DateTime started, int size, double rate, TimeSpan duration, FanoutSide ours, FanoutSide baseline,
        List<ChatRun> oursRuns, List<ChatRun> baselineRuns, long stored, (int Ours, int Baseline) closed)
    {
        var o = Report.Median(oursRuns, r => r.P99Ms);
        var b = Report.Median(baselineRuns, r => r.P99Ms);
        var ratio = b.P99Ms > 0 ? o.P99Ms / b.P99Ms : double.PositiveInfinity;
        var lost = oursRuns.Sum(r => r.Lost + r.Refused);
        var met = ratio <= MaxRatio && o.P99Ms <= P99LimitMs && lost == 0 && closed.Ours == 0;
        var verdict = met ? "met" : "**missed**";
        string Figure(ChatRun r, List<ChatRun> runs) =>
            $"p99 {Report.F(r.P99Ms)} ms (runs {Report.Spread(runs.Select(x => x.P99Ms))}; p50 {Report.F(r.P50Ms)}, ack p99 {Report.F(r.AckP99Ms)})";
        string Memory(FanoutSide s) => $"{Report.F(s.KiBPerConnection)} KiB";
        var row = $"| {started:yyyy-MM-dd} | {options.ProviderName} | {size} / {Report.F(rate, "0")}/s | `{options.Command}` | {Figure(o, oursRuns)} | " +
            $"{Figure(b, baselineRuns)} | {Report.F(ratio, "0.00")}x | {Memory(ours)} / {Memory(baseline)} | {lost} | {verdict} |";
        var summary = $"chat-fanout {options.ProviderName}: touchpoint p99 {Report.F(o.P99Ms)} ms, echo p99 {Report.F(b.P99Ms)} ms, " +
            $"ratio {Report.F(ratio, "0.00")}x (target <= {Report.F(MaxRatio, "0")}x and <= {Report.F(P99LimitMs, "0")} ms, nothing lost: " +
            $"{(met ? "met" : "missed")}); lost or refused {lost}; memory per connection touchpoint {Memory(ours)}, echo {Memory(baseline)}";
        var memory = new[] { ours, baseline }.Select(s => new
        {
            server = s.Name,
            connections = s.Connections,
            measuredConnections = s.MeasuredConnections,
            rssBeforeBytes = s.RssBefore,
            rssAfterBytes = s.RssAfter,
            kibPerConnection = s.KiBPerConnection,
        });
        var path = Report.Write(new BenchReport("chat-fanout", started, options.Command, options.ProviderName, size, Report.Machine(), summary, row,
            new
            {
                p99LimitMs = P99LimitMs,
                maxRatio = MaxRatio,
                ratio,
                rate,
                runSeconds = duration.TotalSeconds,
                runs = options.Runs,
                memory,
                storedMessages = stored,
                closedConnections = new { touchpoint = closed.Ours, echo = closed.Baseline },
                ours = oursRuns,
                baseline = baselineRuns,
            }), options.Out);
        Console.WriteLine();
        foreach (var s in new[] { ours, baseline })
        {
            Console.WriteLine($"memory {s.Name}: RSS {s.RssBefore / 1048576.0:0.0} MiB with the first {s.Connections - s.MeasuredConnections} connections, " +
                $"{s.RssAfter / 1048576.0:0.0} MiB with " +
                $"{s.MeasuredConnections} more connections: {Memory(s)} per connection");
        }

        Console.WriteLine($"connections closed by the server during the runs: touchpoint {closed.Ours}, echo {closed.Baseline}; " +
            $"messages stored by touchpoint: {stored}");
        Console.WriteLine(summary);
        Console.WriteLine("| date | provider | widgets / rate | command | Touchpoint (median run) | echo hub (same run) | ratio | memory per connection (Touchpoint / echo) | lost | |");
        Console.WriteLine(row);
        Console.WriteLine($"wrote {path}");
    }

    /// <summary>Pings every connection that has been quiet for 10 s, as the JavaScript client does: SignalR drops a client silent for 30 s.</summary>
    private static async Task KeepAliveAsync(IReadOnlyList<FanoutSide> sides, CancellationToken ct)
    {
        var quiet = System.Diagnostics.Stopwatch.Frequency * 10;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                foreach (var client in sides.SelectMany(s => s.Clients))
                {
                    if (client.IsOpen && client.IdleTicks > quiet)
                    {
                        _ = client.PingAsync().ContinueWith(t => t.Exception, CancellationToken.None,
                            TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    }
                }

                await Task.Delay(500, ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The runs are over.
        }
    }

    private static Task<HostProcess> StartEchoAsync(string scratch)
    {
        var port = HostProcess.FreePort();
        var (fileName, prefix) = Pinning.Self();
        return HostProcess.StartAsync("echo hub", fileName, [.. prefix, EchoHubServer.Verb], AppContext.BaseDirectory,
            new Dictionary<string, string> { ["TOUCHPOINT_ECHO_PORT"] = port.ToString(CultureInfo.InvariantCulture) }, port, "/healthz",
            Path.Combine(scratch, "echo-hub.log"));
    }

    private static async Task<long> CountMessagesAsync(BenchDatabase database)
    {
        await using DbConnection connection = database.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"ConversationMessages\"";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
