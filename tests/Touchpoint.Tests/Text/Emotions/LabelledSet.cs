using System.Globalization;
using System.Text;

namespace Touchpoint.Tests.TextAnalysis.Emotions;

/// <summary>One class's labelled sentences: <c>Labelled/{dev|heldout}/{class}.tsv</c>, lines
/// <c>label TAB text</c>, label = the class name or <c>none</c>; lines starting with # are comments.</summary>
public sealed record LabelledSet(string Class, IReadOnlyList<(bool Positive, string Text)> Sentences)
{
    public const string Development = "dev";
    public const string HeldOut = "heldout";

    public static LabelledSet Load(string engine, string split, string label)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Text", engine, "Labelled", split, label + ".tsv");
        var sentences = new List<(bool, string)>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var name = line[..tab];
            Assert.True(name == label || name == "none", $"{path}: unknown label '{name}'");
            sentences.Add((name == label, line[(tab + 1)..]));
        }

        return new LabelledSet(label, sentences);
    }

    /// <summary>Precision and recall of a detector on this set: does it find the class in each sentence?</summary>
    public Score Evaluate(Func<string, bool> finds)
    {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        var misses = new List<string>();
        foreach (var (positive, text) in Sentences)
        {
            var found = finds(text);
            if (positive && found) { tp++; }
            else if (positive) { fn++; misses.Add("missed: " + text); }
            else if (found) { fp++; misses.Add("false alarm: " + text); }
            else { tn++; }
        }

        return new Score(Class, tp, fp, fn, tn, misses);
    }
}

public sealed record Score(string Class, int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives, IReadOnlyList<string> Errors)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);

    public static string Table(string title, IEnumerable<Score> scores)
    {
        var builder = new StringBuilder();
        builder.AppendLine(title);
        builder.AppendLine("| class | positives | negatives | TP | FP | FN | precision | recall |");
        builder.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var s in scores)
        {
            builder.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Class} | {s.TruePositives + s.FalseNegatives} | {s.FalsePositives + s.TrueNegatives} | {s.TruePositives} | {s.FalsePositives} | {s.FalseNegatives} | {s.Precision:0.000} | {s.Recall:0.000} |");
        }

        return builder.ToString();
    }
}
