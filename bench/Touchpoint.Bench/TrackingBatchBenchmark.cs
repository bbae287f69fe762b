using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Touchpoint.Bench;

/// <summary>
/// tracking-batch: N track events (about 300 bytes each) sent to <c>/v1/batch</c> 100 at a time by a
/// few concurrent senders, every batch acknowledged only after its commit. Figure: events stored per
/// second. Baseline in the same run: the same rows inserted straight into the same Events table of
/// the same database, no HTTP, no EF (SQLite prepared INSERTs in 10,000-row transactions; PostgreSQL
/// binary COPY). Target (docs/BENCHMARKS.md): ours >= 10% of the baseline's rows per second.
/// </summary>
internal static class TrackingBatchBenchmark
{
    public const double Target = 0.10;
    public const int PerBatch = 100;
    public const int Senders = 8;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var started = DateTime.UtcNow;
        var scratch = options.ScratchFolder();
        var size = options.Size ?? 1_000_000;
        Console.WriteLine($"tracking-batch on {options.ProviderName}: {size:N0} events per run in batches of {PerBatch}, {Senders} senders, " +
            $"{options.Runs} runs; scratch {scratch}");

        await using var database = await BenchDatabase.CreateAsync(options.Provider, scratch, "tracking");
        await using var host = await TouchpointHost.StartAsync(database, scratch, "touchpoint");
        using var client = TrackingClient(host.BaseAddress);
        await IdentifyUsersAsync(client);
        var customers = await TrackingEvents.CustomerIdsAsync(database);
        var workspace = await WorkspaceIdAsync(database);

        // Warm-up: JIT, pools, page cache; neither side is measured.
        await SendAsync(client, TrackingEvents.BatchBodies(TrackingEvents.Generate("warm", 20_000), PerBatch));
        RawEventInsert.Insert(database, workspace, customers, TrackingEvents.Generate("warmbase", 20_000));

        var ours = new List<double>();
        var baseline = new List<double>();
        for (var run = 0; run < options.Runs; run++)
        {
            // The same events on both sides (the same seed per index), under different message ids.
            var bodies = TrackingEvents.BatchBodies(TrackingEvents.Generate($"t{run}", size), PerBatch);
            var clock = Stopwatch.StartNew();
            await SendAsync(client, bodies);
            ours.Add(size / clock.Elapsed.TotalSeconds);
            var stored = await TrackingEvents.CountAsync(database, $"t{run}");
            if (stored != size)
            {
                throw new InvalidOperationException($"Run {run}: {size} events acknowledged but {stored} stored.");
            }

            var rows = TrackingEvents.Generate($"b{run}", size);
            clock.Restart();
            RawEventInsert.Insert(database, workspace, customers, rows);
            baseline.Add(size / clock.Elapsed.TotalSeconds);
            Console.WriteLine($"  run {run + 1}: touchpoint {Report.F(ours[^1], "0")} events/s, baseline {Report.F(baseline[^1], "0")} rows/s");
        }

        var oursMedian = Report.Median(ours, r => r);
        var baselineMedian = Report.Median(baseline, r => r);
        var ratio = oursMedian / baselineMedian;
        var met = ratio >= Target;
        var row = $"| {started:yyyy-MM-dd} | {options.ProviderName} | `{options.Command}` | {Report.F(oursMedian, "0")} events/s " +
            $"(runs {Report.Spread(ours, "0")}) | {Report.F(baselineMedian, "0")} rows/s (runs {Report.Spread(baseline, "0")}) | " +
            $"{Report.F(ratio * 100, "0")}% | >= 10% | {(met ? "met" : "**missed**")} |";
        var summary = $"tracking-batch {options.ProviderName}: ours {Report.F(oursMedian, "0")} events/s, baseline {Report.F(baselineMedian, "0")} rows/s, " +
            $"ratio {Report.F(ratio * 100, "0")}% (target >= 10%: {(met ? "met" : "missed")})";
        var path = Report.Write(new BenchReport("tracking-batch", started, options.Command, options.ProviderName, size, Report.Machine(), summary, row,
            new { perBatch = PerBatch, senders = Senders, target = Target, ratio, oursEventsPerSecond = ours, baselineRowsPerSecond = baseline }), options.Out);
        Console.WriteLine(summary);
        Console.WriteLine("| date | provider | command | Touchpoint | baseline (same run) | ratio | target | |");
        Console.WriteLine(row);
        Console.WriteLine($"wrote {path}");
        return 0;
    }

    /// <summary>An HTTP client that authenticates as the Segment libraries do: Basic, the write key as user name.</summary>
    public static HttpClient TrackingClient(Uri baseAddress)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 64 })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(TouchpointHost.WriteKey + ":")));
        return client;
    }

    /// <summary>Creates every bench user's profile with an identify call, so timed events find existing profiles.</summary>
    public static async Task IdentifyUsersAsync(HttpClient client)
    {
        var bodies = Enumerable.Range(0, TrackingEvents.Users).Chunk(PerBatch).Select(users =>
            Encoding.UTF8.GetBytes("{\"batch\":[" + string.Join(',', users.Select(k =>
                $$$"""{"type":"identify","messageId":"identify-{{{k}}}","userId":"{{{TrackingEvents.UserId(k)}}}","traits":{"plan":"{{{(k % 3 == 0 ? "pro" : "free")}}}"}}""")) + "]}"))
            .ToArray();
        await SendAsync(client, bodies);
    }

    /// <summary>Sends every body to /v1/batch with <see cref="Senders"/> requests in flight; any non-200 stops the run.</summary>
    public static async Task SendAsync(HttpClient client, byte[][] bodies)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Length)
            {
                using var content = new ByteArrayContent(bodies[i]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await client.PostAsync("/v1/batch", content);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"/v1/batch answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));
    }

    public static async Task<object> WorkspaceIdAsync(BenchDatabase database)
    {
        await using var connection = database.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Id\" FROM \"Workspaces\" WHERE \"Name\" = 'Bench'";
        return await command.ExecuteScalarAsync() ?? throw new InvalidOperationException("No Bench workspace.");
    }
}
