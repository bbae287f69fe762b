using System.Globalization;
using CsvHelper;

namespace Touchpoint.Web.Analytics.Metrics;

/// <summary>
/// The metrics API's table as CSV: each group's periods when a breakdown and a grouping were asked for, the breakdown when one was, else the periods, else the one
/// score; "too few answers" where no score is shown. Names people typed are kept as text, never as formulas.
/// </summary>
internal static class MetricsCsv
{
    public static string Write(Analytics.MetricsApi.MetricDto dto)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = new CsvWriter(text, CultureInfo.InvariantCulture);
        if (dto.Breakdown is { } trends && trends.Any(g => g.Periods is not null))
        {
            // A trend per group, in long form: one row per (group, period), as a pivot table or a chart wants it.
            Row(csv, dto.BreakdownBy!, "label", "period", "n", "score", "margin_of_error");
            foreach (var g in trends)
            {
                foreach (var p in g.Periods!)
                {
                    Row(csv, Safe(g.Key), Safe(g.Label), p.Period.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        p.N.ToString(CultureInfo.InvariantCulture), Score(p.Score), Number(p.MarginOfError));
                }
            }
        }
        else if (dto.Breakdown is { } groups)
        {
            Row(csv, dto.BreakdownBy!, "label", "n", "score", "margin_of_error", "significant_vs_rest", "difference_vs_rest", "p_value_vs_rest");
            foreach (var g in groups)
            {
                Row(csv, Safe(g.Key), Safe(g.Label), g.N.ToString(CultureInfo.InvariantCulture), Score(g.Score), Number(g.MarginOfError),
                    g.SignificantVsRest ? "yes" : "no", Number(g.DifferenceVsRest), Number(g.PValueVsRest, "0.####"));
            }
        }
        else if (dto.Groups.Count > 0)
        {
            Row(csv, "period", "n", "score", "margin_of_error");
            foreach (var p in dto.Groups)
            {
                Row(csv, p.Period.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.N.ToString(CultureInfo.InvariantCulture),
                    Score(p.Score), Number(p.MarginOfError));
            }
        }
        else
        {
            Row(csv, "from", "to", "n", "score", "margin_of_error");
            Row(csv, dto.From.ToString("O", CultureInfo.InvariantCulture), dto.To.ToString("O", CultureInfo.InvariantCulture),
                dto.N.ToString(CultureInfo.InvariantCulture), Score(dto.Score), Number(dto.MarginOfError));
        }

        csv.Flush();
        return text.ToString();
    }

    /// <summary>One record of text fields (callers make names safe with <c>Safe</c> first).</summary>
    internal static void Row(CsvWriter csv, params string[] fields)
    {
        foreach (var field in fields)
        {
            csv.WriteField(field);
        }

        csv.NextRecord();
    }

    private static string Score(double? score) => score is null ? "too few answers" : Number(score);

    private static string Number(double? value, string format = "0.##") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";

    /// <summary>Spreadsheets run a cell starting with = + - @ as a formula; an apostrophe keeps a label as text.</summary>
    private static string Safe(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
