using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics.Rollups;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Analytics;

/// <summary>
/// Computes NPS, CSAT and CES for the current workspace, overall, per period and per value of a
/// dimension. When the query has at most one filter and that filter is a rolled-up dimension (a
/// breakdown: no filter), whole local days come from the daily rollups and only the partial days at the
/// range's edges, and days still marked dirty, from raw rows: the answer equals the raw computation
/// exactly (<see cref="ScoreTally"/>). Other queries ("combined filters") read raw rows through indexes.
/// </summary>
public sealed class MetricsService(TouchpointDbContext db, RollupReader rollups)
{
    public async Task<MetricReport> ComputeAsync(Workspace workspace, MetricQuery query, int? minimumAnswers = null,
        CancellationToken ct = default)
    {
        var plan = RollupSlice.Of(query) is { } slice ? await RollupPlan.MakeAsync(rollups, workspace, query, slice, ct) : null;
        if (plan is null)
        {
            return await ComputeFromRawAsync(workspace, query, minimumAnswers, ct);
        }

        var minimum = minimumAnswers ?? workspace.MinimumAnswers;
        var calendar = plan.Calendar;
        var days = new List<(DateOnly Day, ScoreTally Tally)>();
        foreach (var row in await rollups.ReadAsync(workspace, query.Metric, plan.Slice.Dimension, plan.Slice.Key, plan.First, plan.Last, ct))
        {
            if (!plan.Dirty.Contains(row.Day))
            {
                days.Add((row.Day, row.Tally));
            }
        }

        foreach (var (from, to) in plan.RawRanges)
        {
            var answers = await MetricAnswers.Apply(db, query with { From = from, To = to }).AsNoTracking()
                .Select(r => new { r.SubmittedAt, Score = r.Score!.Value }).ToListAsync(ct);
            days.AddRange(answers.Select(a => (calendar.LocalDate(a.SubmittedAt), ScoreTally.Of(query.Metric, a.Score))));
        }

        var overall = ScoreCalculator.FromTally(query.Metric, Sum(days.Select(d => d.Tally)), minimum);
        if (query.GroupBy is not { } grouping)
        {
            return new MetricReport(overall, []);
        }

        var groups = days.GroupBy(d => calendar.PeriodStart(d.Day, grouping)).OrderBy(g => g.Key)
            .Select(g => new MetricPeriod(g.Key, ScoreCalculator.FromTally(query.Metric, Sum(g.Select(d => d.Tally)), minimum)))
            .ToList();
        return new MetricReport(overall, groups);
    }

    /// <summary>The same report from raw rows only: the definition the rollups must equal (tests and the benchmark's baseline).</summary>
    public async Task<MetricReport> ComputeFromRawAsync(Workspace workspace, MetricQuery query, int? minimumAnswers = null,
        CancellationToken ct = default)
    {
        var minimum = minimumAnswers ?? workspace.MinimumAnswers;
        var answers = await MetricAnswers.Apply(db, query).AsNoTracking()
            .Select(r => new { r.SubmittedAt, Score = r.Score!.Value }).ToListAsync(ct);
        var overall = ScoreCalculator.Compute(query.Metric, answers.Select(a => a.Score).ToList(), minimum);
        if (query.GroupBy is not { } grouping)
        {
            return new MetricReport(overall, []);
        }

        var calendar = new PeriodCalendar(workspace.TimeZoneInfo, workspace.WeekStart);
        var groups = answers
            .GroupBy(a => calendar.PeriodStart(a.SubmittedAt, grouping))
            .OrderBy(g => g.Key)
            .Select(g => new MetricPeriod(g.Key, ScoreCalculator.Compute(query.Metric, g.Select(a => a.Score).ToList(), minimum)))
            .ToList();
        return new MetricReport(overall, groups);
    }

    /// <summary>
    /// The metric for each value of <paramref name="dimension"/> among the answers the query covers, largest
    /// group first. An answer counts once in each group it belongs to (a response in two segments, or whose
    /// comment has two topics, is in both); answers with no value for the dimension are left out.
    /// </summary>
    public async Task<IReadOnlyList<MetricGroup>> BreakdownAsync(Workspace workspace, MetricQuery query, Dimension dimension,
        int? minimumAnswers = null, CancellationToken ct = default)
    {
        var slice = RollupSlice.Of(query);
        var plan = slice is { Dimension: RollupDimensions.Total }
            ? await RollupPlan.MakeAsync(rollups, workspace, query, new RollupSlice(RollupDimensions.Name(dimension), null), ct)
            : null;
        if (plan is null)
        {
            return await BreakdownFromRawAsync(workspace, query, dimension, minimumAnswers, ct);
        }

        var keyed = new List<(string Key, ScoreTally Tally)>();
        foreach (var row in await rollups.ReadAsync(workspace, query.Metric, plan.Slice.Dimension, null, plan.First, plan.Last, ct))
        {
            if (!plan.Dirty.Contains(row.Day))
            {
                keyed.Add((row.Key, row.Tally));
            }
        }

        foreach (var (from, to) in plan.RawRanges)
        {
            var raw = await BreakdownKeys.ReadAsync(db, MetricAnswers.Apply(db, query with { From = from, To = to }).AsNoTracking(), dimension, ct);
            keyed.AddRange(raw.Select(k => (k.Key, ScoreTally.Of(query.Metric, k.Score))));
        }

        return await GroupAsync(workspace, query, dimension, keyed, minimumAnswers, ct);
    }

    /// <summary>The same breakdown from raw rows only.</summary>
    public async Task<IReadOnlyList<MetricGroup>> BreakdownFromRawAsync(Workspace workspace, MetricQuery query, Dimension dimension,
        int? minimumAnswers = null, CancellationToken ct = default)
    {
        var keyed = await BreakdownKeys.ReadAsync(db, MetricAnswers.Apply(db, query).AsNoTracking(), dimension, ct);
        return await GroupAsync(workspace, query, dimension, keyed.Select(k => (k.Key, ScoreTally.Of(query.Metric, k.Score))).ToList(),
            minimumAnswers, ct);
    }

    private async Task<IReadOnlyList<MetricGroup>> GroupAsync(Workspace workspace, MetricQuery query, Dimension dimension,
        List<(string Key, ScoreTally Tally)> keyed, int? minimumAnswers, CancellationToken ct)
    {
        var minimum = minimumAnswers ?? workspace.MinimumAnswers;
        var labels = await BreakdownKeys.LabelsAsync(db, dimension, keyed.Select(k => k.Key).Distinct().ToList(), ct);
        return keyed
            .GroupBy(k => k.Key, StringComparer.Ordinal)
            .Select(g => new MetricGroup(g.Key, labels.GetValueOrDefault(g.Key, g.Key),
                ScoreCalculator.FromTally(query.Metric, Sum(g.Select(k => k.Tally)), minimum)))
            .OrderByDescending(g => g.Score.N).ThenBy(g => g.Label, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
    }

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
