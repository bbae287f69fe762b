using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Touchpoint.Core.Cases.Measures;
using Touchpoint.Web.Cases.Measures;

namespace Touchpoint.Web.Pages.Cases;

/// <summary>/cases/measures: how well the loop is closed over a period, per owner, team, root cause, touch point or priority, with a CSV export.</summary>
[Authorize(Policy = "member")]
internal sealed class MeasuresModel(CaseMeasures measures, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateTime? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateTime? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? GroupBy { get; set; }

    public CaseMeasures.Report? Report { get; private set; }
    public Dictionary<string, string[]> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!CaseMeasuresApi.MayRead(HttpContext))
        {
            return Forbid();
        }

        Report = await MeasureAsync(ct);
        if (Report is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (!CaseMeasuresApi.MayRead(HttpContext))
        {
            return Forbid();
        }

        if (await MeasureAsync(ct) is not { } report)
        {
            return BadRequest(string.Join(" ", Errors.SelectMany(e => e.Value)));
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"case-measures-{report.From:yyyy-MM-dd}-{report.To:yyyy-MM-dd}.csv");
        return File(Encoding.UTF8.GetBytes(CaseMeasuresCsv.Write(report)), "text/csv; charset=utf-8", name);
    }

    /// <summary>Dates are days in the form; "to" includes its whole day.</summary>
    private async Task<CaseMeasures.Report?> MeasureAsync(CancellationToken ct)
    {
        DateTimeOffset? from = From is { } f ? new DateTimeOffset(DateTime.SpecifyKind(f.Date, DateTimeKind.Utc)) : null;
        DateTimeOffset? to = To is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t.Date.AddDays(1), DateTimeKind.Utc)) : null;
        var query = MeasuresQuery.Read(from, to, GroupBy, clock.GetUtcNow().UtcDateTime, Errors);
        return query is { } q ? await measures.MeasureAsync(q.From, q.To, q.GroupBy, ct) : null;
    }

    public static string Minutes(double? minutes) => minutes is not { } m ? "–"
        : m >= 1440 ? string.Create(CultureInfo.InvariantCulture, $"{m / 1440:0.0} d")
        : m >= 60 ? string.Create(CultureInfo.InvariantCulture, $"{m / 60:0.0} h")
        : string.Create(CultureInfo.InvariantCulture, $"{m:0} min");

    public static string Rate(CaseMeasures.Rate rate) => rate.TooFew
        ? $"too few ({rate.OutOf})"
        : string.Create(CultureInfo.InvariantCulture, $"{rate.Percent:0.#}% ({rate.Count}/{rate.OutOf})");
}
