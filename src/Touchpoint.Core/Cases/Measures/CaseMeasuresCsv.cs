using System.Globalization;
using CsvHelper;

namespace Touchpoint.Core.Cases.Measures;

/// <summary>The measures as CSV, one row for the total and one per group, with "too few" where a rate is not shown.</summary>
public static class CaseMeasuresCsv
{
    public static string Write(CaseMeasures.Report report)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = new CsvWriter(text, CultureInfo.InvariantCulture);
        foreach (var header in new[]
                 {
                     "group", "opened", "resolved", "first_contact_median_minutes", "first_contact_mean_minutes", "first_contact_median_business_minutes",
                     "first_contact_mean_business_minutes", "resolve_median_minutes", "resolve_mean_minutes", "resolve_median_business_minutes",
                     "resolve_mean_business_minutes", "first_response_sla_percent", "resolution_sla_percent", "recovery_percent",
                 })
        {
            csv.WriteField(header);
        }

        csv.NextRecord();
        foreach (var (label, m) in report.Groups.Select(g => (g.Label, g.Measures)).Prepend(("All cases", report.Total)))
        {
            csv.WriteField(Safe(label));
            csv.WriteField(m.Opened);
            csv.WriteField(m.Resolved);
            foreach (var d in new[] { m.TimeToFirstContact, m.TimeToResolve })
            {
                csv.WriteField(Number(d.MedianMinutes));
                csv.WriteField(Number(d.MeanMinutes));
                csv.WriteField(Number(d.MedianBusinessMinutes));
                csv.WriteField(Number(d.MeanBusinessMinutes));
            }

            foreach (var rate in new[] { m.FirstResponseSla, m.ResolutionSla, m.Recovery })
            {
                csv.WriteField(rate.TooFew ? "too few" : Number(rate.Percent));
            }

            csv.NextRecord();
        }

        csv.Flush();
        return text.ToString();
    }

    /// <summary>Spreadsheets run a cell starting with = + - @ as a formula; an apostrophe keeps a name or root cause as text.</summary>
    private static string Safe(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static string Number(double? value) => value?.ToString("0.#", CultureInfo.InvariantCulture) ?? "";
}
