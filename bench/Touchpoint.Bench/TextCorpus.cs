using System.Globalization;

namespace Touchpoint.Bench;

/// <summary>One human-rated text of the VADER corpora: id, mean rating (-4..+4) and the text.</summary>
internal sealed record RatedText(string Id, double Mean, string Text)
{
    /// <summary>
    /// Tuning uses even ids only, reports odd ids only. For "document_sentence" ids (Amazon, NYT) the
    /// document number decides, so a review or editorial is wholly on one side and its words cannot leak.
    /// </summary>
    public bool IsEven
    {
        get
        {
            var head = Id.Split('_')[0];
            return long.TryParse(head, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n % 2 == 0;
        }
    }

    /// <summary>The rating on the compound's scale: mean / 4.</summary>
    public double Target => Mean / 4;
}

/// <summary>The four corpora of sentiment-vader/ in the shared data folder (the path comes from --data).</summary>
internal static class TextCorpus
{
    public static readonly string[] Files =
    [
        "tweets_GroundTruth.tsv", "movieReviewSnippets_GroundTruth.tsv", "amazonReviewSnippets_GroundTruth.tsv", "nytEditorialSnippets_GroundTruth.tsv",
    ];

    public static string PathOf(string data, string file) => Path.Combine(data, "sentiment-vader", file);

    public static string ShortName(string file) => file.Split('_')[0].Replace("ReviewSnippets", "", StringComparison.Ordinal).Replace("EditorialSnippets", "", StringComparison.Ordinal);

    public static List<RatedText> Read(string data, string file)
    {
        var records = new List<RatedText>();
        foreach (var line in File.ReadLines(PathOf(data, file)))
        {
            var parts = line.Split('\t', 3);
            if (parts.Length == 3 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var mean))
            {
                records.Add(new RatedText(parts[0], mean, parts[2]));
            }
        }

        return records;
    }

    public static string RequireData(BenchOptions options)
    {
        var data = options.Data ?? Path.Combine(Repository.Root, "..", "shared", "data");
        if (!File.Exists(PathOf(data, Files[0])))
        {
            throw new ArgumentException($"No VADER corpora under '{data}': pass --data <shared data folder> (in CI ../shared/data).");
        }

        return Path.GetFullPath(data);
    }
}

/// <summary>The two figures the accuracy bench reports.</summary>
internal static class Agreement
{
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxx == 0 || syy == 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Share of records rated clearly (|mean| >= 0.5) whose compound has the same sign (a zero compound counts as wrong).</summary>
    public static double SignAccuracy(IReadOnlyList<RatedText> records, IReadOnlyList<double> compounds)
    {
        int n = 0, right = 0;
        for (var i = 0; i < records.Count; i++)
        {
            if (Math.Abs(records[i].Mean) >= 0.5)
            {
                n++;
                right += Math.Sign(records[i].Mean) == Math.Sign(compounds[i]) ? 1 : 0;
            }
        }

        return n == 0 ? 0 : (double)right / n;
    }
}
