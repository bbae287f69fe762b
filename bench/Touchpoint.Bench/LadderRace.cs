namespace Touchpoint.Bench;

/// <summary>
/// The shape shared by the open-loop benchmarks (survey-submit, tracking-single): Touchpoint and its
/// bare baseline climb their rate ladders step by step in turn, so a burst of noise on a shared
/// machine hits both; then every acknowledged request is checked against the rows stored, and the
/// result is written as a ratio of the two maximum rates.
/// </summary>
internal static class LadderRace
{
    public static async Task<(LadderResult Ours, LadderResult Baseline)> RunAsync(RateLadder ours, RateLadder baseline,
        Func<Task<long>> countOurs, Func<Task<long>> countBaseline)
    {
        await baseline.WarmUpAsync();
        await ours.WarmUpAsync();
        while (!ours.Done || !baseline.Done)
        {
            if (!baseline.Done)
            {
                await baseline.StepAsync();
            }

            if (!ours.Done)
            {
                await ours.StepAsync();
            }
        }

        var results = (await ours.ResultAsync(countOurs), await baseline.ResultAsync(countBaseline));
        foreach (var ladder in new[] { results.Item1, results.Item2 })
        {
            // Every acknowledgement is a committed row; a row may exist without its answer if the client gave up waiting.
            if (ladder.RowsInDatabase < ladder.Acknowledged)
            {
                throw new InvalidOperationException($"{ladder.Server}: {ladder.Acknowledged} acknowledged but only {ladder.RowsInDatabase} rows stored.");
            }
        }

        return results;
    }

    /// <summary>Prints the summary and the markdown row, and writes the JSON record; <paramref name="details"/> joins the figures in it.</summary>
    public static void Report(string benchmark, BenchOptions options, DateTime started, double target, LadderResult ours, LadderResult baseline,
        object details)
    {
        var ratio = baseline.MaxRate > 0 ? ours.MaxRate / baseline.MaxRate : 0;
        var met = ratio >= target;
        var goal = $">= {Bench.Report.F(target * 100, "0")}%";
        var row = $"| {started:yyyy-MM-dd} | {options.ProviderName} | `{options.Command}` | {Figure(ours)} | {Figure(baseline)} | " +
            $"{Bench.Report.F(ratio * 100, "0")}% | {goal} | {(met ? "met" : "**missed**")} |";
        var summary = $"{benchmark} {options.ProviderName}: ours {Bench.Report.F(ours.MaxRate, "0")}/s, baseline {Bench.Report.F(baseline.MaxRate, "0")}/s, " +
            $"ratio {Bench.Report.F(ratio * 100, "0")}% (target {goal}: {(met ? "met" : "missed")})";
        var path = Bench.Report.Write(new BenchReport(benchmark, started, options.Command, options.ProviderName, null, Bench.Report.Machine(), summary, row,
            new { target, ratio, runs = options.Runs, details, ours, baseline }), options.Out);
        Console.WriteLine();
        Console.WriteLine($"most served error-free (any latency): touchpoint {Bench.Report.F(ours.MaxServedRate, "0")}/s, " +
            $"baseline {Bench.Report.F(baseline.MaxServedRate, "0")}/s");
        Console.WriteLine(summary);
        Console.WriteLine("| date | provider | command | Touchpoint | baseline (same run) | ratio | target | |");
        Console.WriteLine(row);
        Console.WriteLine($"wrote {path}");
    }

    private static string Figure(LadderResult ladder) =>
        $"{Bench.Report.F(ladder.MaxRate, "0")}/s (runs {Bench.Report.Spread(ladder.PerRunMaxRates, "0")}; " +
        $"p99 {Bench.Report.F(ladder.Best?.Median.P99Ms ?? 0)} ms)";

    /// <summary>Starts the bare endpoint as its own pinned process, configured by <paramref name="settings"/> (see <see cref="BaselineServer"/>).</summary>
    public static Task<HostProcess> StartBaselineAsync(BenchDatabase database, string scratch, IReadOnlyDictionary<string, string> settings)
    {
        var port = HostProcess.FreePort();
        var (fileName, prefix) = Pinning.Self();
        var environment = new Dictionary<string, string>(settings)
        {
            ["TOUCHPOINT_BASELINE_PROVIDER"] = database.Provider.ToString(),
            ["TOUCHPOINT_BASELINE_CONNECTION"] = database.ConnectionString,
            ["TOUCHPOINT_BASELINE_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return HostProcess.StartAsync("baseline", fileName, [.. prefix, BaselineServer.Verb], AppContext.BaseDirectory, environment, port, "/healthz",
            Path.Combine(scratch, "baseline.log"));
    }
}
