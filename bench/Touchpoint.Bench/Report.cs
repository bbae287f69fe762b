using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Touchpoint.Bench;

/// <summary>
/// One bench invocation's record: what was run, how to run it again, and every run's figures. Written
/// as one JSON file under --out, so a row in docs/BENCHMARKS.md can point at the data behind it.
/// </summary>
internal sealed record BenchReport(
    string Benchmark,
    DateTime StartedUtc,
    string Command,
    string Provider,
    long? Size,
    string Machine,
    string Summary,
    string MarkdownRow,
    object Details);

internal static class Report
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Write(BenchReport report, string folder)
    {
        Directory.CreateDirectory(folder);
        var size = report.Size is { } n ? "-" + Sizes.Format(n) : "";
        var name = $"{report.Benchmark}-{report.Provider}{size}-{report.StartedUtc:yyyyMMdd-HHmmss}.json";
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, JsonSerializer.Serialize(report, report.GetType(), Json));
        return path;
    }

    /// <summary>The middle of three (or any odd number of) runs, by the figure that decides the result.</summary>
    public static T Median<T>(IEnumerable<T> runs, Func<T, double> by)
    {
        var sorted = runs.OrderBy(by).ToList();
        return sorted[sorted.Count / 2];
    }

    public static string Spread(IEnumerable<double> values, string format = "0.0")
    {
        var list = values.ToList();
        return $"{list.Min().ToString(format, CultureInfo.InvariantCulture)}–{list.Max().ToString(format, CultureInfo.InvariantCulture)}";
    }

    public static string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Cores on this machine (the bench itself runs pinned to one, so Environment.ProcessorCount says 1).</summary>
    public static string Machine()
    {
        var online = File.Exists("/sys/devices/system/cpu/online") ? File.ReadAllText("/sys/devices/system/cpu/online").Trim() : "?";
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return $"cpus {online}, {F(memory, "0")} GiB, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, " +
            $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
    }
}

/// <summary>Sizes on the command line and in file names: 100k, 1m, or a plain number.</summary>
internal static class Sizes
{
    public static long Parse(string value)
    {
        var v = value.Trim().ToLowerInvariant();
        var factor = v.EndsWith('k') ? 1_000 : v.EndsWith('m') ? 1_000_000 : 1;
        var digits = factor == 1 ? v : v[..^1];
        return (long)(double.Parse(digits, CultureInfo.InvariantCulture) * factor);
    }

    public static string Format(long n) =>
        n % 1_000_000 == 0 ? $"{n / 1_000_000}m" : n % 1_000 == 0 ? $"{n / 1_000}k" : n.ToString(CultureInfo.InvariantCulture);
}
