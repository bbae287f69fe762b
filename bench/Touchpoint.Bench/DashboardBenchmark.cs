namespace Touchpoint.Bench;

internal static class DashboardBenchmark
{
    public static Task<int> RunAsync(BenchOptions options) => Task.FromResult(options.Runs);
}
