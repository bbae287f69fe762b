using System.Diagnostics;
using System.Globalization;
using CsvHelper;
using Touchpoint.Core.Text.Topics;

namespace Touchpoint.Bench;

/// <summary>
/// text-intents: the trainable intent classifier on Banking77 (77 banking support intents). Hyper-parameters
/// are chosen on a seeded 10% hold-out of train.csv (never on test.csv); the chosen model is then trained on
/// all of train.csv (--runs times: the median training time is reported, and every run must give the same
/// bytes, which checks determinism), scored once on test.csv, and timed predicting.
/// Targets (shared BENCHMARKS.md): accuracy >= 90%, training under 60 s on 2 cores. Not pinned: training uses both cores.
/// </summary>
internal static class TextIntentsBenchmark
{
    public const string Verb = "text-intents";
    private const int HoldOutSeed = 2024;
    private static readonly double[] CandidateC = [0.25, 0.5, 1, 2];
    private static readonly double[] CandidateWordWeight = [0.3, 0.5];
    private static readonly double[] CandidateConfidenceScale = [2, 3, 4, 5, 6, 8, 10, 12];

    public static int Run(string[] args)
    {
        var options = TextIntentsOptions.Parse(args);
        var started = DateTime.UtcNow;
        var folder = Path.Combine(options.Data, "intents-banking77");
        var train = ReadCsv(Path.Combine(folder, "train.csv"));
        var test = ReadCsv(Path.Combine(folder, "test.csv"));
        Console.WriteLine($"text-intents: {train.Count} training texts, {test.Count} test texts, {train.Select(e => e.Label).Distinct().Count()} labels");

        var (fit, holdOut) = Split(train);
        var tuning = new List<object>();
        IntentTrainingOptions? best = null;
        IntentClassifier? bestModel = null;
        var bestAccuracy = -1.0;
        foreach (var c in options.Quick ? [IntentTrainingOptions.Default.C] : CandidateC)
        {
            foreach (var wordWeight in options.Quick ? [IntentTrainingOptions.Default.WordWeight] : CandidateWordWeight)
            {
                var candidate = new IntentTrainingOptions { C = c, WordWeight = wordWeight };
                var clock = Stopwatch.StartNew();
                var tried = IntentClassifier.Train(fit, candidate);
                var seconds = clock.Elapsed.TotalSeconds;
                var accuracy = Accuracy(tried, holdOut).Accuracy;
                Console.WriteLine($"  hold-out: C={Report.F(c, "0.##")} wordWeight={Report.F(wordWeight, "0.#")} accuracy {Report.F(accuracy * 100, "0.00")}% (trained in {Report.F(seconds, "0.0")} s)");
                tuning.Add(new { c, wordWeight, holdOutAccuracy = accuracy, trainSeconds = seconds });
                if (accuracy > bestAccuracy)
                {
                    (best, bestModel, bestAccuracy) = (candidate, tried, accuracy);
                }
            }
        }

        // The softmax scale changes confidences, not labels: chosen on the same hold-out by calibration error.
        var calibration = CandidateConfidenceScale.Select(scale => (Scale: scale, Error: Accuracy(bestModel!.WithConfidenceScale(scale), holdOut).ExpectedCalibrationError)).ToList();
        var scaleChosen = calibration.MinBy(c => c.Error).Scale;
        Console.WriteLine("  hold-out calibration error by confidence scale: " + string.Join(", ", calibration.Select(c => $"{Report.F(c.Scale, "0")}: {Report.F(c.Error, "0.000")}")));
        var chosen = best! with { ConfidenceScale = scaleChosen };
        var trainings = new List<double>();
        byte[]? bytes = null;
        IntentClassifier? final = null;
        var deterministic = true;
        for (var run = 0; run < options.Runs; run++)
        {
            var clock = Stopwatch.StartNew();
            final = IntentClassifier.Train(train, chosen);
            trainings.Add(clock.Elapsed.TotalSeconds);
            var runBytes = final.ToBytes();
            deterministic &= bytes is null || runBytes.AsSpan().SequenceEqual(bytes);
            bytes = runBytes;
        }

        var model = final!;
        var stored = bytes!;
        var result = Accuracy(model, test);
        var loaded = IntentClassifier.Load(stored);
        var roundTrip = test.All(e => model.Predict(e.Text) == loaded.Predict(e.Text));
        var (single, parallel) = Throughput(model, test.Select(e => e.Text).ToArray());
        var trainSeconds = Report.Median(trainings, t => t);

        var met = result.Accuracy >= 0.90 && trainSeconds < 60;
        var summary = $"text-intents banking77: accuracy {Report.F(result.Accuracy * 100, "0.00")}% on test.csv ({result.Correct}/{test.Count}), " +
            $"training {Report.F(trainSeconds, "0.0")} s (spread {Report.Spread(trainings)} s, {options.Runs} runs, {Environment.ProcessorCount} cores), " +
            $"prediction {Report.F(single, "0")} texts/s on 1 thread, {Report.F(parallel, "0")} on {Environment.ProcessorCount}, model {Report.F(stored.Length / 1048576.0, "0.0")} MiB, " +
            $"{model.FeatureCount} features, calibration error {Report.F(result.ExpectedCalibrationError, "0.000")}; " +
            $"C={Report.F(chosen.C, "0.##")} wordWeight={Report.F(chosen.WordWeight, "0.#")} confidenceScale={Report.F(chosen.ConfidenceScale, "0")} chosen on a 10% hold-out of train.csv " +
            $"({Report.F(bestAccuracy * 100, "0.00")}%); deterministic {deterministic}, round-trip {roundTrip} " +
            $"(target >= 90% and < 60 s: {(met ? "met" : "missed")})";
        var row = $"| {started:yyyy-MM-dd} | `{options.Command}` | {Report.F(result.Accuracy * 100, "0.00")}% | {Report.F(trainSeconds, "0.0")} s ({Report.Spread(trainings)}) | " +
            $"{Report.F(single, "0")} / {Report.F(parallel, "0")} texts/s | {Report.F(stored.Length / 1048576.0, "0.0")} MiB | >= 90%, < 60 s | {(met ? "met" : "**missed**")} |";
        var path = Report.Write(new BenchReport(Verb, started, options.Command, "none", null, Report.Machine(), summary, row, new
        {
            chosen = new { chosen.C, chosen.WordWeight, chosen.MinDocumentFrequency, chosen.ConfidenceScale, chosen.Seed },
            tuning,
            calibration = calibration.Select(c => new { confidenceScale = c.Scale, holdOutCalibrationError = c.Error }),
            holdOut = new { fit = fit.Count, holdOut = holdOut.Count, seed = HoldOutSeed },
            test = new { result.Accuracy, result.Correct, total = test.Count, result.MeanConfidenceCorrect, result.MeanConfidenceWrong, result.ExpectedCalibrationError },
            trainSeconds = trainings,
            predictPerSecondOneThread = single,
            predictPerSecondAllCores = parallel,
            modelBytes = stored.Length,
            features = model.FeatureCount,
            deterministic,
            roundTrip,
        }), options.Out);
        Console.WriteLine(summary);
        Console.WriteLine(row);
        Console.WriteLine($"wrote {path}");
        return deterministic && roundTrip ? 0 : 1;
    }

    private static List<(string Text, string Label)> ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var rows = new List<(string, string)>();
        while (csv.Read())
        {
            rows.Add((csv.GetField("text") ?? "", csv.GetField("category") ?? ""));
        }

        return rows;
    }

    /// <summary>A seeded 90/10 split of train.csv: hyper-parameters are chosen on the 10%, never on test.csv.</summary>
    private static (List<(string Text, string Label)> Fit, List<(string Text, string Label)> HoldOut) Split(List<(string Text, string Label)> train)
    {
        var order = Enumerable.Range(0, train.Count).ToArray();
        new Random(HoldOutSeed).Shuffle(order);
        var cut = train.Count / 10;
        return (order[cut..].Select(i => train[i]).ToList(), order[..cut].Select(i => train[i]).ToList());
    }

    private sealed record Scored(double Accuracy, int Correct, double MeanConfidenceCorrect, double MeanConfidenceWrong, double ExpectedCalibrationError);

    private static Scored Accuracy(IntentClassifier model, List<(string Text, string Label)> examples)
    {
        var predictions = examples.Select(e => (Prediction: model.Predict(e.Text), e.Label)).ToList();
        var correct = predictions.Where(p => p.Prediction.Label == p.Label).ToList();
        var wrong = predictions.Where(p => p.Prediction.Label != p.Label).ToList();
        // Expected calibration error over 10 confidence bins: how far "80% sure" is from being right 80% of the time.
        var ece = predictions.GroupBy(p => Math.Min(9, (int)(p.Prediction.Confidence * 10)))
            .Sum(g => g.Count() / (double)predictions.Count * Math.Abs(g.Average(p => p.Prediction.Label == p.Label ? 1.0 : 0.0) - g.Average(p => p.Prediction.Confidence)));
        return new Scored(correct.Count / (double)examples.Count, correct.Count,
            correct.Count > 0 ? correct.Average(p => p.Prediction.Confidence) : 0, wrong.Count > 0 ? wrong.Average(p => p.Prediction.Confidence) : 0, ece);
    }

    /// <summary>Texts per second predicting the test texts over and over for about 2 s: on one thread, then on every core.</summary>
    private static (double Single, double Parallel) Throughput(IntentClassifier model, string[] texts)
    {
        foreach (var text in texts)
        {
            model.Predict(text);
        }

        double Measure(int threads)
        {
            var clock = Stopwatch.StartNew();
            long done = 0;
            while (clock.Elapsed.TotalSeconds < 2)
            {
                Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => model.Predict(texts[i]));
                done += texts.Length;
            }

            return done / clock.Elapsed.TotalSeconds;
        }

        return (Measure(1), Measure(Environment.ProcessorCount));
    }
}
