using System.Net;

namespace Touchpoint.Bench;

/// <summary>One offered rate: the runs at it, the median run (by p99), and whether it met the latency limit.</summary>
internal sealed record LadderStep(double Rate, IReadOnlyList<LoadRun> Runs, LoadRun Median, bool Passed);

/// <summary>A server's ladder: the highest rate that passed, and the same figure per run index for the spread.</summary>
/// <remarks>
/// <see cref="MaxServedRate"/> is for orientation: the most a server served error-free in a median run,
/// whatever its latency. Where a disk's own p99 sets the 25 ms figure, this one still shows capacity.
/// </remarks>
internal sealed record LadderResult(string Server, double P99LimitMs, double MaxRate, LadderStep? Best, double[] PerRunMaxRates,
    double MaxServedRate, long Acknowledged, long RowsInDatabase, IReadOnlyList<LadderStep> Steps);

/// <summary>
/// Finds the highest offered rate at which a server still answers with p99 within a limit. A step is
/// a short warm-up at its rate, then N runs; it passes when its median run (by p99) is within the
/// limit and error-free. The ladder climbs by x1.5 until the server is saturated (it serves under 90%
/// of the offered rate, errs, or even its median waits past the limit), not merely until a step fails: on a
/// shared machine a burst of someone else's disk or CPU work can fail one low step, and stopping there
/// would measure the neighbours, not the server. It then bisects twice between the best pass and the
/// first fail above it (or halves from the start rate until something passes). Steps are taken one at
/// a time so that the caller can alternate two ladders, and ours and the baseline see the same noise.
/// </summary>
internal sealed class RateLadder(string server, LoadGenerator generator, Func<long, HttpRequestMessage> makeRequest, double startRate,
    TimeSpan duration, int runs, double p99LimitMs, HttpStatusCode success = HttpStatusCode.Created)
{
    private const double Growth = 1.5;
    private const int Refinements = 2;
    private const int MaxSteps = 16;
    private static readonly TimeSpan StepWarmup = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan InitialWarmup = TimeSpan.FromSeconds(5);

    private readonly List<LadderStep> _steps = [];
    private long _acknowledged;
    private readonly double _startRate = startRate;
    private double _rate = startRate;
    private double? _pass;
    private bool _saturated;
    private int _refined;

    public bool Done =>
        _steps.Count >= MaxSteps
        || (_pass is null && _rate < 5)
        || (_saturated && (_pass is null ? false : NextRefinement() is null || _refined >= Refinements));

    /// <summary>JIT and tiered compilation, connection pools, the database's page cache: none of it is measured.</summary>
    public Task WarmUpAsync() => RunAsync(_startRate, InitialWarmup);

    public async Task StepAsync()
    {
        var refinement = _saturated && _pass is not null ? NextRefinement() : null;
        var rate = refinement ?? _rate;
        var step = await MeasureAsync(rate);
        _steps.Add(step);
        if (refinement is not null)
        {
            _refined++;
        }

        if (step.Passed)
        {
            _pass = Math.Max(_pass ?? 0, rate);
        }

        if (!_saturated)
        {
            _saturated = Saturated(step);
            _rate = _saturated ? rate / 2 : rate * Growth;
        }
        else if (_pass is null)
        {
            _rate = rate / 2;
        }
    }

    /// <summary>The geometric middle between the best pass and the lowest fail above it, if they are far enough apart to matter.</summary>
    private double? NextRefinement()
    {
        var best = _pass!.Value;
        var fail = _steps.Where(s => !s.Passed && s.Rate > best).Select(s => s.Rate).DefaultIfEmpty(0).Min();
        return fail > best * 1.05 ? Math.Round(Math.Sqrt(best * fail)) : null;
    }

    /// <summary>
    /// A saturated server falls behind, so its queue grows and even the median request waits; a
    /// neighbour's burst lifts only the tail. Hence p50, not p99, alongside the served rate and errors.
    /// </summary>
    private bool Saturated(LadderStep step) =>
        step.Median.AchievedRate < 0.9 * step.Rate || !step.Median.ErrorFree || step.Median.P50Ms > p99LimitMs;

    public async Task<LadderResult> ResultAsync(Func<Task<long>> countRows)
    {
        var best = _steps.Where(s => s.Passed).MaxBy(s => s.Rate);
        var perRun = Enumerable.Range(0, runs)
            .Select(k => _steps.Where(s => Passes(s.Runs[k])).Select(s => s.Rate).DefaultIfEmpty(0).Max())
            .ToArray();
        var served = _steps.Where(s => s.Median.ErrorFree).Select(s => s.Median.AchievedRate).DefaultIfEmpty(0).Max();
        return new LadderResult(server, p99LimitMs, best?.Rate ?? 0, best, perRun, served, _acknowledged, await countRows(), _steps);
    }

    private async Task<LadderStep> MeasureAsync(double rate)
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
            $"served {Report.F(median.AchievedRate, "0")}/s  errors {median.Failed + median.Dropped}  lag {Report.F(median.MaxDispatchLagMs, "0.0")} ms  " +
            $"{(step.Passed ? "pass" : "FAIL")}{(median.FirstError is { } e ? "  " + e : "")}");
        return step;
    }

    private async Task<LoadRun> RunAsync(double rate, TimeSpan length)
    {
        var run = await generator.RunAsync(makeRequest, status => status == success, rate, length);
        _acknowledged += run.Succeeded;
        return run;
    }

    private bool Passes(LoadRun run) => run.P99Ms <= p99LimitMs && run.ErrorFree;
}
