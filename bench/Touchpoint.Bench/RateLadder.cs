using System.Net;

namespace Touchpoint.Bench;

/// <summary>One offered rate: the runs at it, the median run (by p99), and whether it met the latency limit.</summary>
internal sealed record LadderStep(double Rate, IReadOnlyList<LoadRun> Runs, LoadRun Median, bool Passed);

/// <summary>A server's ladder: the highest rate that passed, and the same figure per run index for the spread.</summary>
internal sealed record LadderResult(string Server, double P99LimitMs, double MaxRate, LadderStep? Best, double[] PerRunMaxRates,
    long Acknowledged, long RowsInDatabase, IReadOnlyList<LadderStep> Steps);

/// <summary>
/// Finds the highest offered rate at which a server still answers with p99 within a limit: climb by
/// x1.5 until a step fails (or halve until one passes), then bisect twice between the last pass and
/// the first fail. A step is a short warm-up at its rate, then N runs; it passes when its median run
/// (by p99) is within the limit and error-free. Steps are taken one at a time so that the caller can
/// alternate two ladders: on a shared, noisy machine, ours and the baseline then see the same noise.
/// </summary>
internal sealed class RateLadder(string server, LoadGenerator generator, Func<long, HttpRequestMessage> makeRequest, double startRate,
    TimeSpan duration, int runs, double p99LimitMs)
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
    private double? _fail;
    private int _refined;

    public bool Done =>
        _steps.Count >= MaxSteps
        || (_pass is null && _rate < 5)
        || (_pass is not null && _fail is not null && _refined >= Refinements);

    /// <summary>JIT and tiered compilation, connection pools, the database's page cache: none of it is measured.</summary>
    public Task WarmUpAsync() => RunAsync(_startRate, InitialWarmup);

    public async Task StepAsync()
    {
        var refining = _pass is not null && _fail is not null;
        var rate = refining ? Math.Round(Math.Sqrt(_pass!.Value * _fail!.Value)) : _rate;
        var step = await MeasureAsync(rate);
        _steps.Add(step);
        if (refining)
        {
            _refined++;
        }

        if (step.Passed)
        {
            _pass = Math.Max(_pass ?? 0, rate);
            _rate = rate * Growth;
        }
        else
        {
            _fail = Math.Min(_fail ?? double.MaxValue, rate);
            _rate = rate / 2;
        }
    }

    public async Task<LadderResult> ResultAsync(Func<Task<long>> countRows)
    {
        var best = _steps.Where(s => s.Passed).MaxBy(s => s.Rate);
        var perRun = Enumerable.Range(0, runs)
            .Select(k => _steps.Where(s => Passes(s.Runs[k])).Select(s => s.Rate).DefaultIfEmpty(0).Max())
            .ToArray();
        return new LadderResult(server, p99LimitMs, best?.Rate ?? 0, best, perRun, _acknowledged, await countRows(), _steps);
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
        var run = await generator.RunAsync(makeRequest, status => status == HttpStatusCode.Created, rate, length);
        _acknowledged += run.Succeeded;
        return run;
    }

    private bool Passes(LoadRun run) => run.P99Ms <= p99LimitMs && run.ErrorFree;
}
