using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Analytics;

/// <summary>
/// Computes NPS, CSAT and CES for the current workspace. Reads only (time, score) pairs from the raw
/// responses; the rollup tables of the measure capability will take over for large workspaces.
/// </summary>
public sealed class MetricsService(TouchpointDbContext db)
{
    public async Task<MetricReport> ComputeAsync(Workspace workspace, MetricQuery query, int minimumAnswers = ScoreCalculator.DefaultMinimumAnswers,
        CancellationToken ct = default)
    {
        var responses = db.Responses.AsNoTracking()
            .Where(r => r.Metric == query.Metric && r.Score != null && r.SubmittedAt >= query.From && r.SubmittedAt < query.To);
        if (query.SurveyId is { } surveyId)
        {
            responses = responses.Where(r => r.SurveyId == surveyId);
        }

        if (query.TouchPointId is { } touchPointId)
        {
            responses = responses.Where(r => r.TouchPointId == touchPointId);
        }

        if (query.Channel is { } channel)
        {
            responses = responses.Where(r => r.Channel == channel);
        }

        if (query.SegmentId is { } segmentId)
        {
            responses = responses.Where(r => db.SegmentMembers.Any(m => m.SegmentId == segmentId && m.CustomerId == r.CustomerId));
        }

        if (query.Text is { IsEmpty: false } text)
        {
            responses = text.Apply(responses, db);
        }

        var answers = await responses.Select(r => new { r.SubmittedAt, Score = r.Score!.Value }).ToListAsync(ct);
        var overall = ScoreCalculator.Compute(query.Metric, answers.Select(a => a.Score).ToList(), minimumAnswers);
        if (query.GroupBy is not { } grouping)
        {
            return new MetricReport(overall, []);
        }

        var calendar = new PeriodCalendar(workspace.TimeZoneInfo, workspace.WeekStart);
        var groups = answers
            .GroupBy(a => calendar.PeriodStart(a.SubmittedAt, grouping))
            .OrderBy(g => g.Key)
            .Select(g => new MetricPeriod(g.Key, ScoreCalculator.Compute(query.Metric, g.Select(a => a.Score).ToList(), minimumAnswers)))
            .ToList();
        return new MetricReport(overall, groups);
    }
}
