using System.Diagnostics;
using System.Net;

namespace Touchpoint.Bench;

/// <summary>What one open-loop run measured.</summary>
internal sealed record LoadRun(
    double OfferedRate,
    double Seconds,
    long Scheduled,
    long Succeeded,
    long Failed,
    long Dropped,
    double AchievedRate,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs,
    double MeanMs,
    double MaxDispatchLagMs,
    string? FirstError)
{
    public bool ErrorFree => Failed == 0 && Dropped == 0;
}

/// <summary>
/// An open-loop HTTP load generator. Request i is due at start + i/rate whatever happened to the
/// requests before it, and its latency is measured from that due time, not from when it was sent:
/// a server that stalls for 100 ms makes every request due in those 100 ms late, and that shows in
/// p99 (closed-loop tools like wrk wait instead, and so hide it: "coordinated omission").
/// </summary>
internal sealed class LoadGenerator : IDisposable
{
    /// <summary>
    /// Past this many requests in flight the server has fallen far behind; further requests are
    /// counted as dropped rather than sent, which fails the run and keeps the backlog bounded.
    /// </summary>
    public const int MaxInFlight = 2000;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _client;

    public LoadGenerator()
    {
        // Pinned to one core, the pool starts with one worker and adds more only about twice a second
        // when starved; a few ready threads keep a slow completion from delaying the others.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 8), Math.Max(io, 8));

        // One handler for all runs: connections are kept alive between steps, as a real client pool would.
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = MaxInFlight,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        _client = new HttpClient(handler) { Timeout = RequestTimeout };
    }

    /// <param name="makeRequest">Builds request number i; called on the dispatch thread, so keep it cheap.</param>
    /// <param name="isSuccess">Whether a response counts as served (e.g. 201 for a submission).</param>
    public async Task<LoadRun> RunAsync(Func<long, HttpRequestMessage> makeRequest, Func<HttpStatusCode, bool> isSuccess,
        double rate, TimeSpan duration)
    {
        var histogram = new Histogram();
        var total = (long)Math.Round(rate * duration.TotalSeconds);
        var ticksPerRequest = Stopwatch.Frequency / rate;
        var pending = new List<Task>((int)Math.Min(total, 1_000_000));
        long succeeded = 0, failed = 0, dropped = 0, inFlight = 0;
        string? firstError = null;
        long maxLagTicks = 0;

        async Task SendAsync(HttpRequestMessage request, long due)
        {
            try
            {
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                if (isSuccess(response.StatusCode))
                {
                    Interlocked.Increment(ref succeeded);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstError, $"HTTP {(int)response.StatusCode}: " +
                        Truncate(await response.Content.ReadAsStringAsync()), null);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                Interlocked.Increment(ref failed);
                Interlocked.CompareExchange(ref firstError, e.GetType().Name + ": " + e.Message, null);
            }
            finally
            {
                request.Dispose();
                histogram.Record(TicksToMicros(Stopwatch.GetTimestamp() - due));
                Interlocked.Decrement(ref inFlight);
            }
        }

        // The dispatcher runs on its own thread so that the thread pool, busy with completions, cannot delay it.
        // It signals its end through a task: joining it from a pool thread would block one of the very
        // few pool threads a one-core process starts with, and completions would queue behind it.
        var start = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 100);
        var dispatched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new Thread(() =>
        {
            for (long i = 0; i < total; i++)
            {
                var due = start + (long)(i * ticksPerRequest);
                WaitUntil(due);
                maxLagTicks = Math.Max(maxLagTicks, Stopwatch.GetTimestamp() - due);
                if (Interlocked.Read(ref inFlight) >= MaxInFlight)
                {
                    Interlocked.Increment(ref dropped);
                    histogram.Record(TicksToMicros(RequestTimeout.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond));
                    continue;
                }

                Interlocked.Increment(ref inFlight);
                pending.Add(SendAsync(makeRequest(i), due));
            }

            dispatched.SetResult();
        })
        { IsBackground = true, Name = "open-loop dispatcher" };
        dispatcher.Start();
        await dispatched.Task;
        await Task.WhenAll(pending);
        var elapsed = (Stopwatch.GetTimestamp() - start) / (double)Stopwatch.Frequency;

        return new LoadRun(rate, duration.TotalSeconds, total, succeeded, failed, dropped, succeeded / elapsed,
            Ms(histogram.Percentile(50)), Ms(histogram.Percentile(90)), Ms(histogram.Percentile(99)), Ms(histogram.Max), histogram.Mean / 1000,
            TicksToMicros(maxLagTicks) / 1000.0, firstError);
    }

    /// <summary>Sleeps while the due time is far, then spins: Thread.Sleep alone overshoots by about a millisecond.</summary>
    internal static void WaitUntil(long due)
    {
        while (true)
        {
            var remaining = due - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            if (remaining > Stopwatch.Frequency / 500)
            {
                Thread.Sleep(1);
            }
            else
            {
                Thread.Yield();
            }
        }
    }

    private static long TicksToMicros(long ticks) => ticks * 1_000_000 / Stopwatch.Frequency;

    private static double Ms(long micros) => micros / 1000.0;

    private static string Truncate(string s) => s.Length <= 200 ? s : s[..200];

    public void Dispose() => _client.Dispose();
}
