using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Touchpoint.Core.Analytics;
using Touchpoint.Core.Journeys.Analytics;
using Touchpoint.Core.Journeys.Editing;
using Touchpoint.Core.Surveys;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Journeys;

/// <summary>
/// The journey map: stages as columns, each touch point's score with n and margin (or "too few
/// answers"), its volume and trend against the previous period, the weakest links highlighted, and the
/// stage funnel. Every score links to the responses behind it.
/// </summary>
[Authorize(Policy = "analytics.view")]
internal sealed class JourneyMapModel(JourneyEditor editor, JourneyAnalytics analytics, CurrentWorkspace current, TimeProvider clock)
    : PageModel
{
    public JourneyMap Map { get; private set; } = null!;
    public int Days { get; private set; }
    public bool CanEdit => User.Has(Permission.ManageJourneys);
    private PeriodCalendar Calendar { get; set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, int? days, string? metric, CancellationToken ct)
    {
        var journey = await editor.FindAsync(id, ct);
        if (journey is null)
        {
            return NotFound();
        }

        Days = days is { } d && JourneyPeriod.PickerDays.Contains(d) ? d : 30;
        var parsed = metric is not null && !int.TryParse(metric, out _) && Enum.TryParse<SurveyMetric>(metric, true, out var m) ? m : SurveyMetric.Nps;
        var workspace = await current.GetAsync(ct);
        Calendar = new PeriodCalendar(workspace.TimeZoneInfo, workspace.WeekStart);
        var period = JourneyPeriod.LastDays(Days, Calendar, clock.GetUtcNow().UtcDateTime);
        Map = await analytics.ComputeAsync(workspace, journey, parsed, period, ct);
        return Page();
    }

    /// <summary>The responses list, filtered to this touch point and the period's local dates (the same answers the score counts, of every metric).</summary>
    public string ResponsesUrl(Guid touchPointId) =>
        $"/responses?touchpoint={touchPointId}&from={LocalDay(Map.Period.From)}&to={LocalDay(Map.Period.To.AddDays(-1))}";

    public string FormatScore(double value) => Map.Metric switch
    {
        SurveyMetric.Csat => value.ToString("0", CultureInfo.InvariantCulture) + "%",
        SurveyMetric.Ces => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("0", CultureInfo.InvariantCulture),
    };

    public string FormatMargin(double value) =>
        Map.Metric == SurveyMetric.Ces ? value.ToString("0.0", CultureInfo.InvariantCulture) : value.ToString("0", CultureInfo.InvariantCulture);

    public static string FormatTime(TimeSpan? time) => time switch
    {
        null => "–",
        { TotalDays: >= 2 } t => string.Create(CultureInfo.InvariantCulture, $"{t.TotalDays:0.#} days"),
        { TotalHours: >= 2 } t => string.Create(CultureInfo.InvariantCulture, $"{t.TotalHours:0.#} hours"),
        { } t => string.Create(CultureInfo.InvariantCulture, $"{t.TotalMinutes:0} minutes"),
    };

    public static string Percent(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) + "%" : "–";

    /// <summary>The sparkline's points in a 100 x 28 box; slices with too few answers leave gaps.</summary>
    public IReadOnlyList<string> SparklineSegments(IReadOnlyList<double?> points)
    {
        var (low, high) = Map.Metric switch { SurveyMetric.Nps => (-100.0, 100.0), SurveyMetric.Csat => (0.0, 100.0), _ => (1.0, 7.0) };
        var segments = new List<string>();
        var current = new List<string>();
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i] is { } v)
            {
                var x = points.Count == 1 ? 50 : 100.0 * i / (points.Count - 1);
                var y = 26 - (24 * (v - low) / (high - low));
                current.Add(string.Create(CultureInfo.InvariantCulture, $"{x:0.#},{y:0.#}"));
            }
            else if (current.Count > 0)
            {
                segments.Add(string.Join(' ', current));
                current.Clear();
            }
        }

        if (current.Count > 0)
        {
            segments.Add(string.Join(' ', current));
        }

        return segments;
    }

    private string LocalDay(DateTime utc) => Calendar.LocalDate(utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
