using System.Collections.Concurrent;
using System.Diagnostics;
using Touchpoint.Core.Text.Sentiment;

namespace Touchpoint.Bench;

/// <summary>
/// Text analysis throughput: the 4,200 VADER tweets, repeated, through every analyser in
/// <see cref="Analysers"/> (the work done on ingest of one text), against npm vader-sentiment's own timing
/// of its loop over the same texts in the same run. Ours is measured on one thread and on all cores
/// (Parallel.ForEach over chunks of the texts); node is single-threaded, so the target compares the all-core figure, as
/// the shared target ("on 2 cores") says. Warm-up, then 3 runs, median and spread.
/// </summary>
internal static class TextSpeedBenchmark
{
    public const string Verb = "text-speed";

    /// <summary>What runs on each text. Emotions and signals join here when they are merged.</summary>
    private static readonly (string Name, Func<string, object> Analyse)[] Analysers =
    [
        ("sentiment", text => SentimentAnalyzer.Score(text)),
    ];

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var started = DateTime.UtcNow;
        var data = TextCorpus.RequireData(options);
        var file = TextCorpus.PathOf(data, TextCorpus.Files[0]);
        var texts = TextCorpus.Read(data, TextCorpus.Files[0]).Select(r => r.Text).ToArray();
        var repeat = (int)(options.Size ?? 10);
        var runs = options.Runs;

        var vader = await VaderBaseline.SpeedAsync(file, repeat, runs);
        Measure(texts, 1, parallel: false); // warm-up: JIT, lexicon, tiered compilation
        Measure(texts, 1, parallel: true);
        var single = Enumerable.Range(0, runs).Select(_ => Measure(texts, repeat, parallel: false)).ToList();
        var all = Enumerable.Range(0, runs).Select(_ => Measure(texts, repeat, parallel: true)).ToList();

        double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
        var ratio = Median(all) / Median(vader);
        var analysers = string.Join(" + ", Analysers.Select(a => a.Name));
        var summary = $"text-speed ({analysers}): ours {Report.F(Median(all), "N0")} texts/s on {Environment.ProcessorCount} cores, " +
            $"{Report.F(Median(single), "N0")} on one; npm vader-sentiment {Report.F(Median(vader), "N0")}/s; ratio {Report.F(ratio, "0.0")}x (target >= 25x)";
        var row = $"| {started:yyyy-MM-dd} | {analysers} | {texts.Length} x {repeat} | {Report.F(Median(all), "N0")}/s ({Report.Spread(all, "N0")}) | " +
            $"{Report.F(Median(single), "N0")}/s ({Report.Spread(single, "N0")}) | {Report.F(Median(vader), "N0")}/s ({Report.Spread(vader, "N0")}) | " +
            $"{Report.F(ratio, "0.0")}x | {(ratio >= 25 ? "met" : "**missed**")} |";
        var path = Report.Write(new BenchReport(Verb, started, options.Command, "none", repeat, Report.Machine(), summary, row,
            new { analysers, texts = texts.Length, repeat, cores = Environment.ProcessorCount, oursAllCores = all, oursOneThread = single, vaderSentiment = vader }), options.Out);
        Console.WriteLine(summary);
        Console.WriteLine(row);
        Console.WriteLine($"wrote {path}");
        return 0;
    }

    /// <summary>Texts per second over <paramref name="repeat"/> passes of the texts.</summary>
    private static double Measure(string[] texts, int repeat, bool parallel)
    {
        var watch = Stopwatch.StartNew();
        for (var r = 0; r < repeat; r++)
        {
            if (parallel)
            {
                // Chunks of 256 texts per task: a task per text would measure the scheduler, not the analysers.
                Parallel.ForEach(Partitioner.Create(0, texts.Length, 256), range =>
                {
                    for (var i = range.Item1; i < range.Item2; i++)
                    {
                        Analyse(texts[i]);
                    }
                });
            }
            else
            {
                for (var i = 0; i < texts.Length; i++)
                {
                    Analyse(texts[i]);
                }
            }
        }

        return texts.Length * (double)repeat / watch.Elapsed.TotalSeconds;
    }

    private static int Analyse(string text)
    {
        var results = 0;
        foreach (var (_, analyse) in Analysers)
        {
            results += analyse(text) is null ? 0 : 1;
        }

        return results;
    }
}
