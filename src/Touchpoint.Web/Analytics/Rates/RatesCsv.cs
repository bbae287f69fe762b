using System.Globalization;
using CsvHelper;

namespace Touchpoint.Web.Analytics.Rates;

/// <summary>
/// The rates tables as CSV, as the metrics API writes its own: "no invitations" or "too few answers" where no
/// figure is shown, and names people typed kept as text, never as spreadsheet formulas.
/// </summary>
internal static class RatesCsv
{
    public static string Write(ResponseRatesDto dto) => Write(csv =>
    {
        Row(csv, "survey_id", "survey", "channel", "sent", "opened", "started", "partial", "completed", "rate", "low", "high");
        foreach (var r in dto.Rows)
        {
            Row(csv, r.SurveyId.ToString("D"), Safe(r.Survey), r.Invited ? r.Channel ?? "" : "no invitation", Count(r.Sent), Count(r.Opened),
                Count(r.Started), Count(r.Partial), Count(r.Completed), r.Rate is { } rate ? Number(rate) : r.Note ?? "", Number(r.Low), Number(r.High));
        }
    });

    public static string Write(SurveyRatingsDto dto) => Write(csv =>
    {
        var max = dto.Questions.Count == 0 ? 0 : dto.Questions.Max(q => q.Max);
        var min = dto.Questions.Count == 0 ? 0 : dto.Questions.Min(q => q.Min);
        var header = new List<string> { "question_id", "row", "question", "statement", "n", "mean", "standard_deviation", "margin_of_error" };
        header.AddRange(Enumerable.Range(min, Math.Max(0, max - min + 1)).Select(v => "answered_" + Count(v)));
        Row(csv, [.. header]);
        foreach (var q in dto.Questions)
        {
            var fields = new List<string>
            {
                Safe(q.QuestionId), Safe(q.Row ?? ""), Safe(q.Title), Safe(q.RowText ?? ""), Count(q.N),
                q.Mean is { } mean ? Number(mean) : q.Note ?? "", Number(q.StandardDeviation), Number(q.MarginOfError),
            };
            fields.AddRange(Enumerable.Range(min, Math.Max(0, max - min + 1))
                .Select(v => v >= q.Min && v <= q.Max ? Count(q.Distribution[v - q.Min]) : ""));
            Row(csv, [.. fields]);
        }
    });

    private static string Write(Action<CsvWriter> body)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = new CsvWriter(text, CultureInfo.InvariantCulture);
        body(csv);
        csv.Flush();
        return text.ToString();
    }

    private static void Row(CsvWriter csv, params string[] fields) => Metrics.MetricsCsv.Row(csv, fields);

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Number(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Spreadsheets run a cell starting with = + - @ as a formula; an apostrophe keeps the text as text.</summary>
    private static string Safe(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
