using System.Globalization;

namespace Touchpoint.Bench;

/// <summary>The command line of text-intents: <c>--data &lt;shared data folder&gt; [--runs 3] [--quick true] [--out bench/results]</c>.</summary>
internal sealed record TextIntentsOptions(string Data, int Runs, bool Quick, string Out, string Command)
{
    public static TextIntentsOptions Parse(string[] args)
    {
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
        var data = Take("data") ?? throw new ArgumentException("text-intents needs --data <folder holding intents-banking77> (in CI: ../shared/data).");
        var options = new TextIntentsOptions(
            Path.GetFullPath(data),
            Take("runs") is { } runs ? int.Parse(runs, CultureInfo.InvariantCulture) : 3,
            Take("quick") is { } quick && bool.Parse(quick),
            Path.GetFullPath(Take("out") ?? Path.Combine(Repository.Root, "bench", "results")),
            "dotnet run -c Release --project bench/Touchpoint.Bench -- " + string.Join(' ', args));
        if (values.Count > 0)
        {
            throw new ArgumentException("Unknown option(s): " + string.Join(", ", values.Keys.Select(k => "--" + k)));
        }

        return options;
    }
}
