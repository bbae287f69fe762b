using System.Globalization;
using Touchpoint.Core.Text.Sentiment;

namespace Touchpoint.Bench;

/// <summary>
/// (tuning) Where Touchpoint's plain VADER rules and npm vader-sentiment disagree, on the EVEN ids of one corpus
/// (<c>--corpus tweets|movie|amazon|nyt</c>, default tweets): the records with the largest difference in compound,
/// with both scores, so a rule that departs from VADER's can be found and fixed. Odd ids are never read.
/// </summary>
internal static class TextSentimentDiff
{
    public const string Verb = "text-sentiment-diff";

    public static async Task<int> RunAsync(BenchOptions options, string corpus)
    {
        var data = TextCorpus.RequireData(options);
        var file = TextCorpus.Files.Single(f => TextCorpus.ShortName(f) == corpus);
        var records = TextCorpus.Read(data, file).Where(r => r.IsEven).ToList();
        var vader = await VaderBaseline.ScoreAsync(data, [file]);
        var engine = new SentimentEngine(SentimentSettings.PlainVader);
        var rows = records
            .Select(r => (Record: r, Ours: engine.Score(r.Text).Compound, Vader: vader[(file, r.Id)]))
            .OrderByDescending(r => Math.Abs(r.Ours - r.Vader))
            .ToList();
        var differing = rows.Count(r => Math.Abs(r.Ours - r.Vader) > 0.001);
        Console.WriteLine($"{corpus} even ids: {records.Count} records, {differing} differ by more than 0.001");
        Console.WriteLine($"r ours (plain rules) {Agreement.Pearson(rows.Select(r => r.Ours).ToList(), rows.Select(r => r.Record.Target).ToList()):0.0000}, " +
            $"r npm VADER {Agreement.Pearson(rows.Select(r => r.Vader).ToList(), rows.Select(r => r.Record.Target).ToList()):0.0000}");
        foreach (var (record, ours, theirs) in rows.Take(options.Calls ?? 40))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{record.Id}\tours {ours:0.000}\tvader {theirs:0.000}\ttarget {record.Target:0.000}\t{record.Text}"));
        }

        return 0;
    }
}
