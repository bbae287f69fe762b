using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Analytics;

/// <summary>
/// Computes NPS, CSAT and CES for the current workspace, overall, per period and per value of a
/// dimension. Reads only (time, score, key) tuples from the raw responses.
/// </summary>
public sealed class MetricsService(TouchpointDbContext db)
{
    public async Task<MetricReport> ComputeAsync(Workspace workspace, MetricQuery query, int? minimumAnswers = null,
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
        var minimum = minimumAnswers ?? workspace.MinimumAnswers;
        var keyed = await BreakdownKeys.ReadAsync(db, MetricAnswers.Apply(db, query).AsNoTracking(), dimension, ct);
        var labels = await BreakdownKeys.LabelsAsync(db, dimension, keyed.Select(k => k.Key).Distinct().ToList(), ct);
        return keyed
            .GroupBy(k => k.Key)
            .Select(g => new MetricGroup(g.Key, labels.GetValueOrDefault(g.Key, g.Key),
                ScoreCalculator.Compute(query.Metric, g.Select(k => k.Score).ToList(), minimum)))
            .OrderByDescending(g => g.Score.N).ThenBy(g => g.Label, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
