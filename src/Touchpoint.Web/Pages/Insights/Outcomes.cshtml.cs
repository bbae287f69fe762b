using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Touchpoint.Core.Analytics;
using Touchpoint.Core.Analytics.Outcomes;
using Touchpoint.Core.Data;
using Touchpoint.Web.Analytics.Insights;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Insights;

/// <summary>/insights/outcomes: satisfaction, repeat purchase, retention cohorts, referrals, churn, revenue, and the churn model's backtest.</summary>
[Authorize(Policy = "analytics.view")]
internal sealed class OutcomesModel(OutcomesService outcomes, TouchpointDbContext db, CurrentWorkspace current, TimeProvider clock) : PageModel
{
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public OutcomesReport? Report { get; private set; }
    public List<string> Errors { get; } = [];
    public bool CanManage { get; private set; }
    [TempData] public string? Notice { get; set; }

    public async Task OnGetAsync(DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        CanManage = InsightsAccess.MayManage(User);
        var workspace = await current.GetAsync(ct);
        var calendar = new PeriodCalendar(workspace.TimeZoneInfo, workspace.WeekStart);
        To = to ?? calendar.LocalDate(clock.GetUtcNow().UtcDateTime);
        From = from ?? To.AddDays(-89);
        var errors = new Dictionary<string, string[]>();
        // Days are local days of the workspace; "to" includes its whole day.
        var period = InsightsQuery.Period(new DateTimeOffset(calendar.StartOfDayUtc(From)), new DateTimeOffset(calendar.StartOfDayUtc(To.AddDays(1))),
            clock.GetUtcNow().UtcDateTime, errors);
        Errors.AddRange(errors.Values.SelectMany(m => m));
        if (period is not { } p)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Report = await outcomes.ComputeAsync(workspace, p.From, p.To, ct);
    }

    /// <summary>Asks the churn sweep to recompute; the scores change on its next round, not during this request.</summary>
    public async Task<IActionResult> OnPostRecomputeAsync(CancellationToken ct)
    {
        if (!InsightsAccess.MayManage(User))
        {
            return Forbid();
        }

        await OutcomesApi.RequestRecomputeAsync(db, clock, ct);
        Notice = "Recompute requested: churn-risk scores are recomputed within a minute or two. Reload to see them.";
        return RedirectToPage();
    }

    public static string Percent(double? rate) =>
        rate is { } r ? r.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " %" : "too few";

    public static string Money(decimal amount) => amount.ToString("#,0.00", System.Globalization.CultureInfo.InvariantCulture);
}
