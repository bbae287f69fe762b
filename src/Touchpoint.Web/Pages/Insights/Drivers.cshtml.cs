using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics.Drivers;
using Touchpoint.Core.Data;
using Touchpoint.Web.Analytics.Insights;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Insights;

/// <summary>/insights/drivers: what moves NPS or CSAT, as an importance-versus-performance matrix and a table.</summary>
[Authorize(Policy = "analytics.view")]
internal sealed class DriversModel(DriverAnalysis drivers, TouchpointDbContext db, CurrentWorkspace current, TimeProvider clock) : PageModel
{
    public sealed record Choice(Guid Id, string Name);

    public string Metric { get; private set; } = "nps";
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public Guid? SegmentId { get; private set; }
    public List<Choice> Segments { get; private set; } = [];
    public DriverReport? Report { get; private set; }
    public List<string> Errors { get; } = [];
    public string MatrixJson { get; private set; } = "[]";

    public string Link(DriverResult driver) => Report is null ? "#" : DriverLinks.Responses(Report, driver);

    public async Task OnGetAsync(string? metric, DateOnly? from, DateOnly? to, Guid? segment, CancellationToken ct)
    {
        var workspace = await current.GetAsync(ct);
        var calendar = new Core.Analytics.PeriodCalendar(workspace.TimeZoneInfo, workspace.WeekStart);
        To = to ?? calendar.LocalDate(clock.GetUtcNow().UtcDateTime);
        From = from ?? To.AddDays(-89);
        (Metric, SegmentId) = (string.IsNullOrEmpty(metric) ? "nps" : metric.ToLowerInvariant(), segment);
        Segments = await db.Segments.AsNoTracking().OrderBy(s => s.Name).Select(s => new Choice(s.Id, s.Name)).ToListAsync(ct);

        // Days are local days of the workspace; "to" includes its whole day.
        var errors = new Dictionary<string, string[]>();
        var query = await InsightsQuery.DriversAsync(Metric, new DateTimeOffset(calendar.StartOfDayUtc(From)),
            new DateTimeOffset(calendar.StartOfDayUtc(To.AddDays(1))), segment, null, null, clock.GetUtcNow().UtcDateTime, db, errors, ct);
        Errors.AddRange(errors.Values.SelectMany(m => m));
        if (query is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Report = await drivers.AnalyseAsync(query, ct);
        MatrixJson = JsonSerializer.Serialize(new
        {
            overall = Report.OverallScore,
            average = Report.Drivers.Count == 0 ? 0 : 100.0 / Report.Drivers.Count,
            metric = Metric.ToUpperInvariant(),
            points = Report.Drivers.Select(d => new { label = d.Label, x = d.Importance, y = d.Performance, n = d.Cases, quadrant = d.Quadrant, href = Link(d) }),
        });
    }
}
