using Touchpoint.Core.Text.Sentiment;

namespace Touchpoint.Bench;

/// <summary>
/// Sentiment accuracy on the four human-rated VADER corpora: Pearson r of the compound against mean/4
/// (primary) and sign accuracy on clearly rated records (|mean| >= 0.5), Touchpoint's analyser against npm
/// vader-sentiment on the same texts in the same run. Reported on odd ids (the project tuned on even ids);
/// the even-id figures are printed too, so the gap between them shows any over-fitting.
/// </summary>
internal static class TextSentimentBenchmark
{
    public const string Verb = "text-sentiment";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var started = DateTime.UtcNow;
        var data = TextCorpus.RequireData(options);
        var baseline = await VaderBaseline.ScoreAsync(data, TextCorpus.Files);
        var corpora = new List<object>();
        var rows = new List<string>();
        var met = true;
        foreach (var file in TextCorpus.Files)
        {
            var records = TextCorpus.Read(data, file);
            var scores = records.Select(r => SentimentAnalyzer.Score(r.Text)).ToList();
            var unscored = scores.Count(s => !s.Scored);
            var figures = new Dictionary<string, Figures>();
            foreach (var (half, isEven) in new[] { ("odd", false), ("even", true) })
            {
                var picked = Enumerable.Range(0, records.Count).Where(i => records[i].IsEven == isEven).ToList();
                var set = picked.Select(i => records[i]).ToList();
                var target = set.Select(r => r.Target).ToList();
                var ours = picked.Select(i => scores[i].Compound).ToList();
                var theirs = set.Select(r => baseline[(file, r.Id)]).ToList();
                figures[half] = new Figures(set.Count, Agreement.Pearson(ours, target), Agreement.Pearson(theirs, target),
                    Agreement.SignAccuracy(set, ours), Agreement.SignAccuracy(set, theirs));
            }

            var odd = figures["odd"];
            var even = figures["even"];
            var name = TextCorpus.ShortName(file);
            var goal = name == "amazon" ? Math.Max(0.70, odd.VaderR + 1e-9) : odd.VaderR + 1e-9;
            var pass = odd.OursR >= goal;
            met &= pass;
            rows.Add($"| {started:yyyy-MM-dd} | {name} | {odd.Records} | **{Report.F(odd.OursR, "0.000")}** | {Report.F(odd.VaderR, "0.000")} | " +
                $"{Report.F(odd.OursSign * 100, "0.0")}% | {Report.F(odd.VaderSign * 100, "0.0")}% | {Report.F(even.OursR, "0.000")} / {Report.F(even.VaderR, "0.000")} | " +
                $"{unscored} | {(pass ? "met" : "**missed**")} |");
            // Records the language check kept from scoring (ids and the language guessed, never the shared texts), so a
            // reader can look them up and judge the check.
            var unscoredIds = Enumerable.Range(0, records.Count).Where(i => !scores[i].Scored)
                .Select(i => $"{records[i].Id} ({scores[i].Language ?? "no letters"})").ToList();
            Console.WriteLine($"  not scored ({name}): {string.Join(", ", unscoredIds.Take(20))}");
            corpora.Add(new { file, unscored, odd = figures["odd"], even = figures["even"], unscoredIds });
        }

        var summary = $"text-sentiment: {(met ? "every goal met" : "some goals missed")} (odd ids; r ours vs npm vader-sentiment, same run)";
        var header = "| date | corpus | odd records | r ours | r VADER | sign ours | sign VADER | even r ours / VADER (tuning half) | not scored | goal |";
        var path = Report.Write(new BenchReport(Verb, started, options.Command, "none", null, Report.Machine(), summary, string.Join('\n', rows),
            new { data, baseline = "npm vader-sentiment 1.1.3 (bench/vader-baseline)", corpora }), options.Out);
        Console.WriteLine(summary);
        Console.WriteLine(header);
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine($"wrote {path}");
        return 0;
    }

    private sealed record Figures(int Records, double OursR, double VaderR, double OursSign, double VaderSign);
}
