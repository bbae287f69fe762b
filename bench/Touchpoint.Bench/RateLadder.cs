using System.Net;

namespace Touchpoint.Bench;

/// <summary>One offered rate: the runs at it, the median run (by p99), and whether it met the latency limit.</summary>
internal sealed record LadderStep(double Rate, IReadOnlyList<LoadRun> Runs, LoadRun Median, bool Passed);

/// <summary>A server's ladder: the highest rate that passed, and the same figure per run index for the spread.</summary>
internal sealed record LadderResult(string Server, double P99LimitMs, double MaxRate, LadderStep? Best, double[] PerRunMaxRates,
    long Acknowledged, long RowsInDatabase, IReadOnlyList<LadderStep> Steps);

/// <summary>
/// Finds the highest offered rate at which a server still answers with p99 within a limit: climb by
/// x1.5 until a step fails, then bisect twice between the last pass and the first fail. A step is a
/// short warm-up at its rate, then N runs; it passes when its median run (by p99) is within the limit
/// and error-free.
/// </summary>
internal sealed class RateLadder(LoadGenerator generator, Func<long, HttpRequestMessage> makeRequest, TimeSpan duration, int runs,
    double p99LimitMs)
{
    private const double Growth = 1.5;
    private const int Refinements = 2;
    private const int MaxSteps = 16;
    private static readonly TimeSpan StepWarmup = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan InitialWarmup = TimeSpan.FromSeconds(5);

    private long _acknowledged;

    public async Task<LadderResult> ClimbAsync(string server, double startRate, Func<Task<long>> countRows)
    {
        // JIT and tiered compilation, connection pools, the database's page cache: none of it is measured.
        await RunAsync(startRate, InitialWarmup);

        var steps = new List<LadderStep>();
        double? pass = null, fail = null;
        var rate = startRate;
        while (steps.Count < MaxSteps && (pass is null || fail is null))
        {
            var step = await StepAsync(server, rate);
            steps.Add(step);
            if (step.Passed)
            {
                pass = rate;
                rate *= Growth;
            }
            else
            {
                fail = rate;
                rate /= 2;
            }

            if (pass is null && rate < 5)
            {
                break;
            }
        }

        for (var i = 0; i < Refinements && pass is { } low && fail is { } high && steps.Count < MaxSteps; i++)
        {
            var middle = Math.Round(Math.Sqrt(low * high));
            var step = await StepAsync(server, middle);
            steps.Add(step);
            if (step.Passed)
            {
                pass = middle;
            }
            else
            {
                fail = middle;
            }
        }

        var best = steps.Where(s => s.Passed).MaxBy(s => s.Rate);
        var perRun = Enumerable.Range(0, runs)
            .Select(k => steps.Where(s => Passes(s.Runs[k])).Select(s => s.Rate).DefaultIfEmpty(0).Max())
            .ToArray();
        return new LadderResult(server, p99LimitMs, best?.Rate ?? 0, best, perRun, _acknowledged, await countRows(), steps);
    }

    private async Task<LadderStep> StepAsync(string server, double rate)
    {
        await RunAsync(rate, StepWarmup);
        var results = new List<LoadRun>();
        for (var i = 0; i < runs; i++)
        {
            results.Add(await RunAsync(rate, duration));
        }

        var median = Report.Median(results, r => r.P99Ms);
        var step = new LadderStep(rate, results, median, Passes(median));
        Console.WriteLine($"  {server,-10} {Report.F(rate, "0"),6}/s  p99 {Report.F(median.P99Ms, "0.0"),7} ms " +
            $"({Report.Spread(results.Select(r => r.P99Ms))})  p50 {Report.F(median.P50Ms, "0.0")} ms  " +
            $"served {Report.F(median.AchievedRate, "0")}/s  errors {median.Failed + median.Dropped}  " +
            $"{(step.Passed ? "pass" : "FAIL")}{(median.FirstError is { } e ? "  " + e : "")}");
        return step;
    }

    private async Task<LoadRun> RunAsync(double rate, TimeSpan length)
    {
        var run = await generator.RunAsync(makeRequest, status => status == HttpStatusCode.Created, rate, length);
        _acknowledged += run.Succeeded;
        return run;
    }

    private bool Passes(LoadRun run) => run.P99Ms <= p99LimitMs && run.ErrorFree;
}
