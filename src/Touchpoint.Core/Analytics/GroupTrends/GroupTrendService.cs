using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics.Rollups;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Analytics.GroupTrends;

/// <summary>
/// A trend per value of a dimension ("NPS by ISO week by segment"). With no filter, whole clean local days
/// come from the dimension's daily rollups and the partial days at the range's edges, and days still
/// marked dirty, from raw rows, one local day at a time, exactly as <see cref="MetricsService.BreakdownAsync"/>
/// does; every other query is the raw computation. Both give the same tallies: a group's period is the sum of
/// its days (<see cref="ScoreTally"/> adds up exactly), and an answer counts once in every group it belongs to.
/// </summary>
public sealed class GroupTrendService(TouchpointDbContext db, RollupReader rollups)
{
    public async Task<IReadOnlyList<MetricGroupTrend>> ComputeAsync(Workspace workspace, MetricQuery query, Dimension dimension,
        PeriodGrouping grouping, int? minimumAnswers = null, CancellationToken ct = default)
    {
        // The rollups are one-dimensional: a breakdown can use them only when the query has no filter of its own.
        var plan = RollupSlice.Of(query) is { Dimension: RollupDimensions.Total }
            ? await RollupPlan.MakeAsync(rollups, workspace, query, new RollupSlice(RollupDimensions.Name(dimension), null), ct)
            : null;
        if (plan is null)
        {
            return await ComputeFromRawAsync(workspace, query, dimension, grouping, minimumAnswers, ct);
        }

        var keyed = new List<(string Key, DateOnly Day, ScoreTally Tally)>();
        // Only the columns a tally needs: a year of 20 segments is some 7,000 rows, and whole entities cost twice the time.
        var (id, metric, name) = (workspace.Id, query.Metric, plan.Slice.Dimension);
        var rows = await db.MetricRollups.AsNoTracking()
            .Where(r => r.WorkspaceId == id && r.Metric == metric && r.Dimension == name && r.Day >= plan.First && r.Day <= plan.Last)
            .Select(r => new { r.Day, r.Key, r.N, r.High, r.Middle, r.Low, r.Sum, r.SumOfSquares }).ToListAsync(ct);
        foreach (var row in rows)
        {
            if (!plan.Dirty.Contains(row.Day))
            {
                keyed.Add((row.Key, row.Day, new ScoreTally(row.N, row.High, row.Middle, row.Low, row.Sum, row.SumOfSquares)));
            }
        }

        // Raw ranges are the edges and the dirty days: cut at local midnights, each piece is one known day.
        foreach (var (from, to) in plan.RawRanges)
        {
            var (day, start) = (plan.Calendar.LocalDate(from), from);
            while (start < to)
            {
                var end = Min(to, DayStart(workspace.TimeZoneInfo, day.AddDays(1)));
                await AddRawAsync(keyed, query with { From = start, To = end }, dimension, day, ct);
                (day, start) = (day.AddDays(1), end);
            }
        }

        return await GroupAsync(workspace, query.Metric, dimension, grouping, plan.Calendar, keyed, minimumAnswers, ct);
    }

    /// <summary>
    /// The definition the rollups must equal: for each period, the breakdown of the raw answers in that
    /// period's part of the range (the same rows and keys as <see cref="MetricsService.BreakdownFromRawAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<MetricGroupTrend>> ComputeFromRawAsync(Workspace workspace, MetricQuery query, Dimension dimension,
        PeriodGrouping grouping, int? minimumAnswers = null, CancellationToken ct = default)
    {
        var calendar = new PeriodCalendar(workspace.TimeZoneInfo, workspace.WeekStart);
        var keyed = new List<(string Key, DateOnly Day, ScoreTally Tally)>();
        for (var period = calendar.PeriodStart(query.From, grouping); ; period = Next(period, grouping))
        {
            var start = Max(query.From, DayStart(workspace.TimeZoneInfo, period));
            if (start >= query.To)
            {
                break;
            }

            var end = Min(query.To, DayStart(workspace.TimeZoneInfo, Next(period, grouping)));
            if (start < end)
            {
                await AddRawAsync(keyed, query with { From = start, To = end }, dimension, period, ct);
            }
        }

        return await GroupAsync(workspace, query.Metric, dimension, grouping, calendar, keyed, minimumAnswers, ct);
    }

    private async Task AddRawAsync(List<(string Key, DateOnly Day, ScoreTally Tally)> keyed, MetricQuery query, Dimension dimension,
        DateOnly day, CancellationToken ct)
    {
        var raw = await BreakdownKeys.ReadAsync(db, MetricAnswers.Apply(db, query).AsNoTracking(), dimension, ct);
        keyed.AddRange(raw.Select(k => (k.Key, day, ScoreTally.Of(query.Metric, k.Score))));
    }

    /// <summary>Groups in the breakdown's order (largest first, then by label), each with its periods in time order.</summary>
    private async Task<IReadOnlyList<MetricGroupTrend>> GroupAsync(Workspace workspace, SurveyMetric metric, Dimension dimension,
        PeriodGrouping grouping, PeriodCalendar calendar, List<(string Key, DateOnly Day, ScoreTally Tally)> keyed, int? minimumAnswers,
        CancellationToken ct)
    {
        var minimum = minimumAnswers ?? workspace.MinimumAnswers;
        var labels = await BreakdownKeys.LabelsAsync(db, dimension, keyed.Select(k => k.Key).Distinct().ToList(), ct);
        return keyed
            .GroupBy(k => k.Key, StringComparer.Ordinal)
            .Select(g => new MetricGroupTrend(g.Key, labels.GetValueOrDefault(g.Key, g.Key),
                ScoreCalculator.FromTally(metric, Sum(g.Select(k => k.Tally)), minimum),
                g.GroupBy(k => calendar.PeriodStart(k.Day, grouping)).OrderBy(p => p.Key)
                    .Select(p => new MetricPeriod(p.Key, ScoreCalculator.FromTally(metric, Sum(p.Select(k => k.Tally)), minimum)))
                    .ToList()))
            .OrderByDescending(g => g.Score.N).ThenBy(g => g.Label, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
    }

    private static DateOnly Next(DateOnly periodStart, PeriodGrouping grouping) => grouping switch
    {
        PeriodGrouping.Day => periodStart.AddDays(1),
        PeriodGrouping.Week => periodStart.AddDays(7),
        _ => periodStart.AddMonths(1),
    };

    /// <summary>
    /// The UTC instant a local day begins. Where a clock jump skips midnight (a DST change at 00:00), the day
    /// begins at its first local time that exists, so no answer falls between two days.
    /// </summary>
    private static DateTime DayStart(TimeZoneInfo zone, DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static ScoreTally Sum(IEnumerable<ScoreTally> tallies)
    {
        var sum = default(ScoreTally);
        foreach (var tally in tallies)
        {
            sum += tally;
        }

        return sum;
    }
}
