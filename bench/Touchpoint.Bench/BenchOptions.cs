using System.Globalization;
using Touchpoint.Core.Data;

namespace Touchpoint.Bench;

/// <summary>The command line: <c>&lt;benchmark&gt; [--provider sqlite|postgres] [--size N] [--rate R] [--duration S] [--runs 3] [--calls 20] [--data ../shared/data] [--out bench/results]</c>.</summary>
internal sealed record BenchOptions(
    string Benchmark,
    DatabaseProvider Provider,
    long? Size,
    double? Rate,
    double? Duration,
    int Runs,
    int? Calls,
    string Out,
    string Command,
    string? Data = null)
{
    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            throw new ArgumentException("Name a benchmark first.");
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected '--name value' at '{args[i]}'.");
            }

            values[args[i][2..]] = args[++i];
        }

        string? Take(string name) => values.Remove(name, out var v) ? v : null;
        static double Number(string v) => double.Parse(v, CultureInfo.InvariantCulture);

        var options = new BenchOptions(
            args[0],
            Providers.Parse(Take("provider") ?? "sqlite"),
            Take("size") is { } size ? Sizes.Parse(size) : null,
            Take("rate") is { } rate ? Number(rate) : null,
            Take("duration") is { } duration ? Number(duration) : null,
            Take("runs") is { } runs ? int.Parse(runs, CultureInfo.InvariantCulture) : 3,
            Take("calls") is { } calls ? int.Parse(calls, CultureInfo.InvariantCulture) : null,
            Path.GetFullPath(Take("out") ?? Path.Combine(Repository.Root, "bench", "results")),
            "dotnet run -c Release --project bench/Touchpoint.Bench -- " + string.Join(' ', args),
            Take("data"));
        if (values.Count > 0)
        {
            throw new ArgumentException("Unknown option(s): " + string.Join(", ", values.Keys.Select(k => "--" + k)));
        }

        return options;
    }

    public string ProviderName => Provider.ToString().ToLowerInvariant();

    /// <summary>A folder for this run's databases and server logs, outside the repository.</summary>
    public string ScratchFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "touchpoint-bench", $"{Benchmark}-{ProviderName}-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        return Directory.CreateDirectory(folder).FullName;
    }
}
