using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Touchpoint.Bench;

/// <summary>
/// tracking-single: one track event per request to <c>/v1/track</c>, open loop, on a rising ladder of
/// rates. Figure: the highest rate with p99 within 25 ms. Baseline in the same run: a bare endpoint
/// that group-commits the same row into the Events table (<see cref="BaselineServer"/>), same
/// provider and durability. Target (docs/BENCHMARKS.md): ours >= 40% of the baseline's rate.
/// </summary>
internal static class TrackingSingleBenchmark
{
    public const double P99LimitMs = 25;
    public const double Target = 0.40;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var started = DateTime.UtcNow;
        var scratch = options.ScratchFolder();
        var startRate = options.Rate ?? 500;
        var duration = TimeSpan.FromSeconds(options.Duration ?? 5);
        var templates = TrackingEvents.Generate("template", 4096);
        Console.WriteLine($"tracking-single on {options.ProviderName}: ladder from {startRate}/s, {options.Runs} runs of {duration.TotalSeconds} s per step, " +
            $"p99 limit {P99LimitMs} ms; scratch {scratch}");

        using var generator = new LoadGenerator();
        await using var oursDatabase = await BenchDatabase.CreateAsync(options.Provider, scratch, "touchpoint");
        await using var baselineDatabase = await BenchDatabase.CreateAsync(options.Provider, scratch, "baseline");
        await using var host = await TouchpointHost.StartAsync(oursDatabase, scratch, "touchpoint");
        using (var client = TrackingBatchBenchmark.TrackingClient(host.BaseAddress))
        {
            await TrackingBatchBenchmark.IdentifyUsersAsync(client);
        }

        // The baseline's schema, workspace and one customer are made by Touchpoint itself; then only the bare endpoint runs on it.
        object baselineWorkspace, baselineCustomer;
        await using (var setup = await TouchpointHost.StartAsync(baselineDatabase, scratch, "baseline-setup"))
        {
            using var client = TrackingBatchBenchmark.TrackingClient(setup.BaseAddress);
            await TrackingBatchBenchmark.IdentifyUsersAsync(client);
            baselineWorkspace = await TrackingBatchBenchmark.WorkspaceIdAsync(baselineDatabase);
            baselineCustomer = (await TrackingEvents.CustomerIdsAsync(baselineDatabase)).First().Value;
        }

        await using var server = await StartBaselineAsync(baselineDatabase, scratch, baselineWorkspace, baselineCustomer);
        var authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(TouchpointHost.WriteKey + ":")));
        long sequence = 0;
        HttpRequestMessage Request(Uri endpoint)
        {
            // Every request carries a new message id, so nothing is skipped as a duplicate.
            var n = Interlocked.Increment(ref sequence);
            var body = TrackingEvents.TrackJson(templates[n % templates.Length] with { MessageId = $"single-{n}" });
            var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = authorization;
            return request;
        }

        var oursEndpoint = new Uri(host.BaseAddress, "/v1/track");
        var baselineEndpoint = new Uri(server.BaseAddress, "/events");
        var oursLadder = new RateLadder("touchpoint", generator, _ => Request(oursEndpoint), startRate, duration, options.Runs, P99LimitMs, HttpStatusCode.OK);
        var baselineLadder = new RateLadder("baseline", generator, _ => Request(baselineEndpoint), startRate, duration, options.Runs, P99LimitMs, HttpStatusCode.OK);
        var (ours, baseline) = await LadderRace.RunAsync(oursLadder, baselineLadder, () => TrackingEvents.CountAsync(oursDatabase, "single"),
            () => TrackingEvents.CountAsync(baselineDatabase, "single"));
        LadderRace.Report("tracking-single", options, started, Target, ours, baseline,
            new { p99LimitMs = P99LimitMs, runSeconds = duration.TotalSeconds, users = TrackingEvents.Users });
        return 0;
    }

    private static Task<HostProcess> StartBaselineAsync(BenchDatabase database, string scratch, object workspace, object customer) =>
        LadderRace.StartBaselineAsync(database, scratch, new Dictionary<string, string>
        {
            ["TOUCHPOINT_BASELINE_WORKSPACE"] = workspace.ToString()!,
            ["TOUCHPOINT_BASELINE_CUSTOMER"] = customer.ToString()!,
        });
}
