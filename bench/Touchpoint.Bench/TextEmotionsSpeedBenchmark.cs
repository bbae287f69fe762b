using System.Diagnostics;
using Touchpoint.Core.Text.Emotions;
using Touchpoint.Core.Text.Signals;

namespace Touchpoint.Bench;

/// <summary>
/// text-emotions-speed: texts per second through <see cref="EmotionAnalyzer.Detect"/> and
/// <see cref="SignalDetector.Detect"/>, alone and together, on one thread, over a fixed synthetic set
/// of customer comments (same seed, same texts every run). No baseline: the lead folds these figures
/// into the combined text speed bench, which compares with npm vader-sentiment in the same run.
/// Warm-up, then --runs runs of --duration seconds (default 3 of 3 s); the median run is reported.
/// </summary>
internal static class TextEmotionsSpeedBenchmark
{
    /// <summary>Comment fragments the project wrote; joined 1–4 at a time into comments of 5–60 words.</summary>
    private static readonly string[] Fragments =
    [
        "I'm so happy with my order, thank you!",
        "The delivery was late again and nobody could help me.",
        "I had to call three times and was transferred twice.",
        "Please cancel my subscription, I'm switching to another provider.",
        "Anna in billing was fantastic and sorted everything.",
        "The agent, Tom, was rude and hung up on me.",
        "I need the replacement before Friday, it's urgent.",
        "Not happy at all, the box was damaged and the food smelled off.",
        "Can't wait to try the new menu next week.",
        "I'm worried about my refund, it's been two weeks.",
        "Wow, I didn't expect a handwritten note 😍",
        "The room was filthy and the staff didn't care 😡",
        "Great value, reliable service, I trust you.",
        "The app keeps crashing when I try to pay.",
        "Order 55321 arrived on Tuesday, all fine.",
        "I almost cancelled but you fixed it, thanks.",
    ];

    public static int Run(BenchOptions options)
    {
        var started = DateTime.UtcNow;
        var count = (int)(options.Size ?? 10_000);
        var seconds = options.Duration ?? 3;
        var texts = Texts(count);
        var characters = texts.Sum(t => (long)t.Length);

        var measures = new (string Name, Func<string, int> Work)[]
        {
            ("emotions", t => EmotionAnalyzer.Detect(t).Count),
            ("signals", t => SignalDetector.Detect(t).Count),
            ("emotions+signals", t => EmotionAnalyzer.Detect(t).Count + SignalDetector.Detect(t).Count),
        };

        var results = new List<object>();
        var rates = new Dictionary<string, double>();
        var allRuns = new Dictionary<string, List<double>>();
        foreach (var (name, work) in measures)
        {
            Measure(texts, work, 1); // warm-up: JIT, tiered compilation, lazy tables
            var runs = Enumerable.Range(0, options.Runs).Select(_ => Measure(texts, work, seconds)).ToList();
            var median = Report.Median(runs, r => r);
            rates[name] = median;
            allRuns[name] = runs;
            results.Add(new { name, textsPerSecond = median, runs });
            Console.WriteLine($"{name}: {Report.F(median, "0")} texts/s (runs {Report.Spread(runs, "0")})");
        }

        var summary = $"text-emotions-speed: {count} synthetic comments (avg {Report.F(characters / (double)count, "0")} chars), one thread: " +
            $"emotions {Report.F(rates["emotions"], "0")}/s, signals {Report.F(rates["signals"], "0")}/s, both {Report.F(rates["emotions+signals"], "0")}/s";
        var row = $"| {started:yyyy-MM-dd} | `{options.Command}` | {Report.F(rates["emotions"], "0")} | {Report.F(rates["signals"], "0")} | " +
            $"{Report.F(rates["emotions+signals"], "0")} | {Report.Spread(allRuns["emotions+signals"], "0")} |";
        var path = Report.Write(new BenchReport("text-emotions-speed", started, options.Command, "none", count, Report.Machine(), summary, row,
            new { texts = count, averageChars = characters / (double)count, secondsPerRun = seconds, results }), options.Out);
        Console.WriteLine(summary);
        Console.WriteLine(row);
        Console.WriteLine($"wrote {path}");
        return 0;
    }

    /// <summary>Texts per second over as many passes through the set as fit in the time.</summary>
    private static double Measure(string[] texts, Func<string, int> work, double seconds)
    {
        var sink = 0;
        var done = 0L;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            foreach (var text in texts)
            {
                sink += work(text);
            }

            done += texts.Length;
        }

        GC.KeepAlive(sink);
        return done / watch.Elapsed.TotalSeconds;
    }

    private static string[] Texts(int count)
    {
        var random = new Random(2026);
        var texts = new string[count];
        for (var i = 0; i < count; i++)
        {
            var parts = random.Next(1, 5);
            texts[i] = string.Join(' ', Enumerable.Range(0, parts).Select(_ => Fragments[random.Next(Fragments.Length)]));
        }

        return texts;
    }
}
