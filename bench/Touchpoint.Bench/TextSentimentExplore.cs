using Touchpoint.Core.Text.Sentiment;

namespace Touchpoint.Bench;

/// <summary>
/// (tuning) Pearson r on the EVEN ids of each VADER corpus for a few variants of the sentiment settings, so a
/// rule is chosen on the tuning half only; the odd ids, which <see cref="TextSentimentBenchmark"/> reports, are
/// never read here.
/// </summary>
internal static class TextSentimentExplore
{
    public const string Verb = "text-sentiment-explore";

    private static readonly (string Name, SentimentSettings Settings)[] Variants =
    [
        ("plain VADER rules", SentimentSettings.PlainVader),
        ("plain + strict no", SentimentSettings.PlainVader with { StrictNo = true }),
        ("plain + service language", SentimentSettings.PlainVader with { ServiceLanguage = true }),
        ("plain + adjustments", SentimentSettings.PlainVader with { DomainAdjustments = true }),
        ("default", SentimentSettings.Default),
    ];

    public static int Run(BenchOptions options)
    {
        var data = TextCorpus.RequireData(options);
        var corpora = TextCorpus.Files.Select(f => (Name: TextCorpus.ShortName(f), Records: TextCorpus.Read(data, f).Where(r => r.IsEven).ToList())).ToList();
        Console.WriteLine($"{"variant (even ids only)",-40} " + string.Join(" ", corpora.Select(c => $"{c.Name,8}")));
        foreach (var (name, settings) in Variants)
        {
            var engine = new SentimentEngine(settings);
            var rs = corpora.Select(c => Agreement.Pearson(c.Records.Select(r => engine.Score(r.Text).Compound).ToList(), c.Records.Select(r => r.Target).ToList()));
            Console.WriteLine($"{name,-40} " + string.Join(" ", rs.Select(r => $"{r,8:0.0000}")));
        }

        return 0;
    }
}
