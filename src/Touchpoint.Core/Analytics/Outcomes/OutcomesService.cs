using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Tracking;

namespace Touchpoint.Core.Analytics.Outcomes;

/// <summary>
/// Outcomes from events, responses and cases (docs/insights.md, "Outcomes"). Activity is a tracked track,
/// page or screen event; a purchase is a track event with the workspace's purchase event name.
/// </summary>
public sealed class OutcomesService(TouchpointDbContext db)
{
    public const int MinimumCustomers = 10;
    public const int CohortMonths = 6;

    public static async Task<OutcomeSettings> SettingsAsync(TouchpointDbContext db, CancellationToken ct) =>
        await db.OutcomeSettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new OutcomeSettings();

    public async Task<OutcomesReport> ComputeAsync(Workspace workspace, DateTime from, DateTime to, CancellationToken ct = default)
    {
        var settings = await SettingsAsync(db, ct);
        var satisfaction = new OutcomesReport.SatisfactionView(await ScoreAsync(SurveyMetric.Nps, from, to, workspace.MinimumAnswers, ct),
            await ScoreAsync(SurveyMetric.Csat, from, to, workspace.MinimumAnswers, ct));

        var purchases = await PurchasesAsync(settings.PurchaseEvent, from, to, ct);
        var perBuyer = purchases.GroupBy(p => p.CustomerId).ToDictionary(g => g.Key, g => g.Count());
        var repeaters = perBuyer.Count(b => b.Value >= 2);
        var repeat = new OutcomesReport.RepeatPurchaseView(perBuyer.Count, repeaters, Rate(repeaters, perBuyer.Count));

        var window = TimeSpan.FromDays(settings.ChurnWindowDays);
        var activeBefore = await ChurnFeatures.ActiveSinceAsync(db, to - window - window, to - window, ct);
        var activeNow = await ChurnFeatures.ActiveSinceAsync(db, to - window, to, ct);
        var churned = activeBefore.Count(c => !activeNow.Contains(c));
        var churn = new OutcomesReport.ChurnView(settings.ChurnWindowDays, to - window - window, to - window, activeBefore.Count, churned,
            Rate(churned, activeBefore.Count));

        var latestNps = await LatestNpsAsync(to, ct);
        var referrals = await ReferralsAsync(settings, from, to, latestNps, ct);
        var revenue = await RevenueAsync(settings, purchases, to, latestNps, ct);
        var retention = await RetentionAsync(workspace, settings, to, ct);
        var fit = await db.ChurnModelFits.AsNoTracking().FirstOrDefaultAsync(ct);
        return new OutcomesReport(from, to, MinimumCustomers,
            new(settings.PurchaseEvent, settings.ReferralSentEvent, settings.ReferralCompletedEvent, settings.ChurnWindowDays),
            satisfaction, repeat, retention, referrals, churn, revenue, fit is null ? null : ModelView(fit));
    }

    public static OutcomesReport.ChurnModelView ModelView(ChurnModelFit fit) =>
        new(fit.ComputedAt, fit.PriorOnly, fit.TrainingCustomers, fit.TrainingChurned, fit.BacktestCutOff, fit.BacktestOutOfSample,
            fit.BacktestCustomers, fit.BacktestChurned, fit.Auc, fit.TopDecileLift,
            JsonSerializer.Deserialize<Dictionary<string, double>>(fit.Weights) ?? []);

    /// <summary>Percent, or null under the minimum: a rate of 3 customers misleads.</summary>
    public static double? Rate(int count, int outOf) => outOf < MinimumCustomers ? null : 100.0 * count / outOf;

    private async Task<MetricScore> ScoreAsync(SurveyMetric metric, DateTime from, DateTime to, int minimumAnswers, CancellationToken ct) =>
        ScoreCalculator.Compute(metric, await db.Responses.AsNoTracking()
            .Where(r => r.Metric == metric && r.Score != null && r.SubmittedAt >= from && r.SubmittedAt < to)
            .Select(r => r.Score!.Value).ToListAsync(ct), minimumAnswers);

    private sealed record Purchase(Guid CustomerId, DateTime At, decimal Amount);

    private async Task<List<Purchase>> PurchasesAsync(string purchaseEvent, DateTime from, DateTime to, CancellationToken ct) =>
        (await db.Events.AsNoTracking()
            .Where(e => e.Type == EventType.Track && e.Name == purchaseEvent && e.OccurredAt >= from && e.OccurredAt < to)
            .Select(e => new { e.CustomerId, e.OccurredAt, e.Properties }).ToListAsync(ct))
        .Select(e => new Purchase(e.CustomerId, e.OccurredAt, Amount(e.Properties))).ToList();

    /// <summary>The purchase's <c>revenue</c> property, else its <c>total</c>; a number or a numeric string; 0 when neither.</summary>
    public static decimal Amount(string properties)
    {
        using var json = JsonDocument.Parse(properties);
        foreach (var name in new[] { "revenue", "total" })
        {
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var value))
            {
                if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
                {
                    return number;
                }

                if (value.ValueKind == JsonValueKind.String
                    && decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }
            }
        }

        return 0;
    }

    /// <summary>Each customer's latest NPS answer up to <paramref name="to"/>.</summary>
    private async Task<Dictionary<Guid, int>> LatestNpsAsync(DateTime to, CancellationToken ct) =>
        (await db.Responses.AsNoTracking()
            .Where(r => r.Metric == SurveyMetric.Nps && r.CustomerId != null && r.Score != null && r.SubmittedAt < to)
            .Select(r => new { CustomerId = r.CustomerId!.Value, r.SubmittedAt, r.Id, Score = r.Score!.Value }).ToListAsync(ct))
        .GroupBy(r => r.CustomerId)
        .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id).First().Score);

    private async Task<OutcomesReport.ReferralsView> ReferralsAsync(OutcomeSettings settings, DateTime from, DateTime to,
        Dictionary<Guid, int> latestNps, CancellationToken ct)
    {
        var events = await db.Events.AsNoTracking()
            .Where(e => e.Type == EventType.Track && (e.Name == settings.ReferralSentEvent || e.Name == settings.ReferralCompletedEvent)
                && e.OccurredAt >= from && e.OccurredAt < to)
            .Select(e => new { e.CustomerId, e.Name }).ToListAsync(ct);
        var referrers = events.Select(e => e.CustomerId).ToHashSet();
        var promoters = latestNps.Where(n => n.Value >= 9).Select(n => n.Key).ToList();
        var detractors = latestNps.Where(n => n.Value <= 6).Select(n => n.Key).ToList();
        var promotersReferred = promoters.Count(referrers.Contains);
        var detractorsReferred = detractors.Count(referrers.Contains);
        return new OutcomesReport.ReferralsView(events.Count(e => e.Name == settings.ReferralSentEvent),
            events.Count(e => e.Name == settings.ReferralCompletedEvent), referrers.Count,
            promoters.Count, promotersReferred, Rate(promotersReferred, promoters.Count),
            detractors.Count, detractorsReferred, Rate(detractorsReferred, detractors.Count));
    }

    private async Task<OutcomesReport.RevenueView> RevenueAsync(OutcomeSettings settings, List<Purchase> inPeriod, DateTime to,
        Dictionary<Guid, int> latestNps, CancellationToken ct)
    {
        var byBuyer = inPeriod.GroupBy(p => p.CustomerId).ToDictionary(g => g.Key, g => g.Sum(p => p.Amount));
        var members = await db.SegmentMembers.AsNoTracking().Select(m => new { m.SegmentId, m.CustomerId }).ToListAsync(ct);
        var segments = await db.Segments.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var perSegment = segments.Select(s =>
        {
            var customers = members.Where(m => m.SegmentId == s.Id).Select(m => m.CustomerId).ToList();
            var buyers = customers.Where(byBuyer.ContainsKey).ToList();
            return new OutcomesReport.SegmentRevenue(s.Id, s.Name, customers.Count, buyers.Count, buyers.Sum(b => byBuyer[b]));
        }).OrderByDescending(s => s.Revenue).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();

        // At risk: what these customers spent in the twelve months before the period's end.
        var atRiskFrom = to.AddMonths(-12);
        var lastYear = (await PurchasesAsync(settings.PurchaseEvent, atRiskFrom, to, ct))
            .GroupBy(p => p.CustomerId).ToDictionary(g => g.Key, g => g.Sum(p => p.Amount));
        var detractors = latestNps.Where(n => n.Value <= 6).Select(n => n.Key).ToList();
        var highRisk = await db.CustomerChurnRisks.AsNoTracking().Where(r => r.Score >= ChurnRiskService.HighRisk)
            .Select(r => r.CustomerId).ToListAsync(ct);
        return new OutcomesReport.RevenueView(byBuyer.Values.Sum(), byBuyer.Count, perSegment, atRiskFrom,
            detractors.Sum(d => lastYear.GetValueOrDefault(d)), detractors.Count,
            highRisk.Sum(c => lastYear.GetValueOrDefault(c)), highRisk.Count);
    }

    /// <summary>
    /// Cohorts of the twelve months up to <paramref name="to"/> by first purchase ever (local months of the
    /// workspace); month +k retains a customer with any activity in it. Months not begun by <paramref name="to"/> are null.
    /// </summary>
    private async Task<OutcomesReport.RetentionView> RetentionAsync(Workspace workspace, OutcomeSettings settings, DateTime to,
        CancellationToken ct)
    {
        var calendar = new PeriodCalendar(workspace.TimeZoneInfo, workspace.WeekStart);
        var lastMonth = calendar.PeriodStart(to.AddTicks(-1), PeriodGrouping.Month);
        var firstMonth = lastMonth.AddMonths(-11);
        var firstMonthUtc = calendar.StartOfDayUtc(firstMonth);
        var firstPurchases = await db.Events.AsNoTracking()
            .Where(e => e.Type == EventType.Track && e.Name == settings.PurchaseEvent && e.OccurredAt < to)
            .GroupBy(e => e.CustomerId).Select(g => new { g.Key, First = g.Min(e => e.OccurredAt) })
            .Where(g => g.First >= firstMonthUtc).ToListAsync(ct);
        var cohortOf = firstPurchases.ToDictionary(f => f.Key, f => calendar.PeriodStart(f.First, PeriodGrouping.Month));
        var activity = await ChurnFeatures.Activity(db).Where(e => e.OccurredAt >= firstMonthUtc && e.OccurredAt < to)
            .Select(e => new { e.CustomerId, e.OccurredAt }).ToListAsync(ct);
        var activeMonths = activity.Where(a => cohortOf.ContainsKey(a.CustomerId))
            .Select(a => (a.CustomerId, Month: calendar.PeriodStart(a.OccurredAt, PeriodGrouping.Month))).ToHashSet();

        var cohorts = new List<OutcomesReport.Cohort>();
        for (var month = firstMonth; month <= lastMonth; month = month.AddMonths(1))
        {
            var customers = cohortOf.Where(c => c.Value == month).Select(c => c.Key).ToList();
            if (customers.Count == 0)
            {
                continue;
            }

            var retained = new List<double?>();
            for (var k = 1; k <= CohortMonths; k++)
            {
                var target = month.AddMonths(k);
                retained.Add(target > lastMonth ? null : 100.0 * customers.Count(c => activeMonths.Contains((c, target))) / customers.Count);
            }

            cohorts.Add(new OutcomesReport.Cohort(month, customers.Count, retained));
        }

        return new OutcomesReport.RetentionView(CohortMonths, cohorts);
    }
}
