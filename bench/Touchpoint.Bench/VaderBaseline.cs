using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Touchpoint.Bench;

/// <summary>
/// npm vader-sentiment, the baseline of the text benches, run by bench/vader-baseline/score.js in node on
/// the same texts in the same run. Its packages are restored with `npm ci` when the lock file is newer than
/// the last restore.
/// </summary>
internal static class VaderBaseline
{
    private static string Folder => Path.Combine(Repository.Root, "bench", "vader-baseline");

    public static async Task<Dictionary<(string File, string Id), double>> ScoreAsync(string data, IEnumerable<string> files)
    {
        await RestoreAsync();
        var output = await RunNodeAsync(["accuracy", .. files.Select(f => TextCorpus.PathOf(data, f))]);
        var scores = new Dictionary<(string, string), double>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t');
            scores[(parts[0], parts[1])] = double.Parse(parts[2], CultureInfo.InvariantCulture);
        }

        return scores;
    }

    /// <summary>Node's own timing of its scoring loop: texts/s of each run.</summary>
    public static async Task<List<double>> SpeedAsync(string file, int repeat, int runs)
    {
        await RestoreAsync();
        var output = await RunNodeAsync(["speed", file, repeat.ToString(CultureInfo.InvariantCulture), runs.ToString(CultureInfo.InvariantCulture)]);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            return json.RootElement.GetProperty("texts").GetDouble() / json.RootElement.GetProperty("seconds").GetDouble();
        }).ToList();
    }

    private static async Task RestoreAsync()
    {
        var stamp = Path.Combine(Folder, "node_modules", ".touchpoint-restored");
        if (File.Exists(stamp) && File.GetLastWriteTimeUtc(stamp) >= File.GetLastWriteTimeUtc(Path.Combine(Folder, "package-lock.json")))
        {
            return;
        }

        await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
        await File.WriteAllTextAsync(stamp, "");
    }

    private static Task<string> RunNodeAsync(string[] args) => RunAsync("node", ["score.js", .. args]);

    private static async Task<string> RunAsync(string program, string[] args)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Cannot start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}");
        }

        return await stdout;
    }
}
