namespace Touchpoint.Bench;

/// <summary>
/// Asserts on the bench's own arithmetic (the histogram and the option parsing), run with
/// <c>self-check</c>. No timings here: these hold on any machine.
/// </summary>
internal static class SelfCheck
{
    public static int Run()
    {
        // Small values are exact.
        var small = new Histogram();
        foreach (var v in new long[] { 5, 1, 3, 2, 4 })
        {
            small.Record(v);
        }

        Check(small.Percentile(50) == 3, "p50 of 1..5 is 3");
        Check(small.Percentile(100) == 5 && small.Max == 5 && small.Min == 1, "max and min of 1..5");
        Check(small.Percentile(0) == 1, "p0 is the smallest value");
        Check(Math.Abs(small.Mean - 3) < 1e-9, "mean of 1..5 is 3");

        // Large values: never below the true percentile, at most 1/64 above it.
        var uniform = new Histogram();
        for (long v = 1; v <= 100_000; v++)
        {
            uniform.Record(v);
        }

        foreach (var (p, exact) in new[] { (50.0, 50_000L), (90.0, 90_000L), (99.0, 99_000L), (99.9, 99_900L) })
        {
            var got = uniform.Percentile(p);
            Check(got >= exact && got <= exact + (exact / 64) + 1, $"p{p} of 1..100000 is {exact} within 1/64 (got {got})");
        }

        Check(uniform.Percentile(100) == 100_000, "p100 is the max, not a bucket edge above it");

        // Bucket edges: every value lands in a bucket whose range holds it.
        for (long v = 0; v < 5_000_000; v = (v * 17 / 16) + 1)
        {
            var index = Histogram.IndexOf(v);
            Check(Histogram.HighestIn(index) >= v && (index == 0 || Histogram.HighestIn(index - 1) < v), $"bucket of {v}");
        }

        // Merging adds counts.
        var merged = new Histogram();
        merged.Add(small);
        merged.Add(uniform);
        Check(merged.Count == 100_005 && merged.Max == 100_000 && merged.Min == 1, "merge keeps count, min and max");
        Check(new Histogram().Percentile(99) == 0, "an empty histogram reports 0");

        // The tail counts: 1% of requests at 100 ms make p99 100 ms, which an average would hide.
        var tail = new Histogram();
        for (var i = 0; i < 990; i++)
        {
            tail.Record(1_000);
        }

        for (var i = 0; i < 10; i++)
        {
            tail.Record(100_000);
        }

        Check(tail.Percentile(99) <= 1_000 + 16 && tail.Percentile(99.1) >= 100_000, "p99 / p99.1 split at the 1% tail");

        Check(Sizes.Parse("100k") == 100_000 && Sizes.Parse("1m") == 1_000_000 && Sizes.Parse("2500") == 2500, "sizes parse");
        Check(Sizes.Format(1_000_000) == "1m" && Sizes.Format(100_000) == "100k", "sizes format");

        var options = BenchOptions.Parse(["survey-submit", "--provider", "postgres", "--rate", "500", "--duration", "4"]);
        Check(options.Provider == Core.Data.DatabaseProvider.Postgres && options.Rate == 500 && options.Duration == 4 && options.Runs == 3, "options parse");

        // Memory per connection: the VmRSS line of /proc/{pid}/status is in kB; the growth is shared over the connections.
        Check(ProcessMemory.ParseVmRss("Name:\tdotnet\nVmPeak:\t  900 kB\nVmRSS:\t  204800 kB\nThreads:\t12\n") == 204_800L * 1024, "VmRSS parses to bytes");
        Check(Math.Abs(ProcessMemory.PerConnectionKiB(100L << 20, 110L << 20, 1024) - 10) < 1e-9, "10 MiB over 1,024 connections is 10 KiB each");

        Console.WriteLine("self-check: all assertions hold");
        return 0;
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("self-check failed: " + what);
        }
    }
}
