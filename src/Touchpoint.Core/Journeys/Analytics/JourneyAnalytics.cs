using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Journeys.Analytics;

/// <summary>
/// The journey map's numbers. Scores are <see cref="MetricsService"/>'s breakdown by touch point (the
/// daily rollups, so they equal the metrics API and the drill-down exactly); volumes are a GROUP BY in
/// the database over an indexed time range (responses, events and conversations by touch point).
/// </summary>
public sealed class JourneyAnalytics(TouchpointDbContext db, MetricsService metrics, StageFunnel funnel)
{
    public const int SparklineSlices = 6;

    public async Task<JourneyMap> ComputeAsync(Workspace workspace, Journey journey, SurveyMetric metric, JourneyPeriod period,
        CancellationToken ct = default)
    {
        // Below the workspace's minimum number of answers no score is shown.
        var minimum = workspace.MinimumAnswers;
        var points = journey.Stages.SelectMany(s => s.TouchPoints).Select(t => t.Id).ToList();
        var current = await ScoresAsync(workspace, metric, period.From, period.To, ct);
        var previous = await ScoresAsync(workspace, metric, period.PreviousFrom, period.From, ct);
        var slices = new List<Dictionary<Guid, MetricScore>>();
        foreach (var (from, to) in period.Slices(SparklineSlices))
        {
            slices.Add(await ScoresAsync(workspace, metric, from, to, ct));
        }

        var none = ScoreCalculator.Compute(metric, [], minimum);

        var responses = await CountAsync(db.Responses.AsNoTracking()
            .Where(r => r.Status == ResponseStatus.Completed && r.SubmittedAt >= period.From && r.SubmittedAt < period.To
                && r.TouchPointId != null && points.Contains(r.TouchPointId.Value))
            .GroupBy(r => r.TouchPointId!.Value).Select(g => new Count(g.Key, g.Count())), ct);
        var events = await CountAsync(db.Events.AsNoTracking()
            .Where(e => e.OccurredAt >= period.From && e.OccurredAt < period.To && e.TouchPointId != null && points.Contains(e.TouchPointId.Value))
            .GroupBy(e => e.TouchPointId!.Value).Select(g => new Count(g.Key, g.Count())), ct);
        var conversations = await CountAsync(db.Conversations.AsNoTracking()
            .Where(c => c.CreatedAt >= period.From && c.CreatedAt < period.To && c.TouchPointId != null && points.Contains(c.TouchPointId.Value))
            .GroupBy(c => c.TouchPointId!.Value).Select(g => new Count(g.Key, g.Count())), ct);

        TouchPointMap Map(TouchPoint t)
        {
            var now = current.GetValueOrDefault(t.Id) ?? none;
            var before = previous.GetValueOrDefault(t.Id) ?? none;
            var spark = slices.Select(s => (s.GetValueOrDefault(t.Id) ?? none).Score).ToList();
            return new TouchPointMap(t.Id, t.Name, t.Channel, now, before, ScoreChanges.Between(before, now),
                new TouchPointVolume(responses.GetValueOrDefault(t.Id), events.GetValueOrDefault(t.Id), conversations.GetValueOrDefault(t.Id)),
                spark);
        }

        var stages = journey.Stages.OrderBy(s => s.Position)
            .Select(s => new StageMap(s.Id, s.Name, s.Position, s.TouchPoints.OrderBy(t => t.Name, StringComparer.Ordinal).Select(Map).ToList()))
            .ToList();
        stages = WeakestLinks.Mark(stages, metric);
        var steps = await funnel.ComputeAsync(journey, period.From, period.To, ct);
        return new JourneyMap(journey, metric, period, minimum, stages, steps);
    }

    /// <summary>Per touch point, the score of the answers in [from, to): the metrics breakdown, so the same answers as everywhere.</summary>
    private async Task<Dictionary<Guid, MetricScore>> ScoresAsync(Workspace workspace, SurveyMetric metric, DateTime from, DateTime to,
        CancellationToken ct)
    {
        var groups = await metrics.BreakdownAsync(workspace, new MetricQuery(metric, from, to), Dimension.TouchPoint, ct: ct);
        var scores = new Dictionary<Guid, MetricScore>();
        foreach (var group in groups)
        {
            if (Guid.TryParse(group.Key, out var touchPoint))
            {
                scores[touchPoint] = group.Score;
            }
        }

        return scores;
    }

    private sealed record Count(Guid TouchPointId, int N);

    private static async Task<Dictionary<Guid, int>> CountAsync(IQueryable<Count> counts, CancellationToken ct) =>
        (await counts.ToListAsync(ct)).ToDictionary(c => c.TouchPointId, c => c.N);
}
