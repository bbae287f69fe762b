using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Journeys.Analytics;

/// <summary>
/// The journey map's numbers. Every read is a GROUP BY in the database over an indexed time range
/// (responses by touch point and score, events and conversations by touch point); only the small
/// grouped rows come back, and the scores are computed from them with <see cref="ScoreCalculator"/>.
/// </summary>
public sealed class JourneyAnalytics(TouchpointDbContext db, StageFunnel funnel)
{
    public const int SparklineSlices = 6;

    public async Task<JourneyMap> ComputeAsync(Workspace workspace, Journey journey, SurveyMetric metric, JourneyPeriod period,
        CancellationToken ct = default)
    {
        // Below the workspace's minimum number of answers no score is shown.
        var minimum = workspace.MinimumAnswers;
        var points = journey.Stages.SelectMany(s => s.TouchPoints).Select(t => t.Id).ToList();
        var current = await ScoresAsync(metric, points, period.From, period.To, ct);
        var previous = await ScoresAsync(metric, points, period.PreviousFrom, period.From, ct);
        var slices = new List<Dictionary<Guid, List<int>>>();
        foreach (var (from, to) in period.Slices(SparklineSlices))
        {
            slices.Add(await ScoresAsync(metric, points, from, to, ct));
        }

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
            var now = ScoreCalculator.Compute(metric, current.GetValueOrDefault(t.Id) ?? [], minimum);
            var before = ScoreCalculator.Compute(metric, previous.GetValueOrDefault(t.Id) ?? [], minimum);
            var spark = slices.Select(s => ScoreCalculator.Compute(metric, s.GetValueOrDefault(t.Id) ?? [], minimum).Score).ToList();
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

    /// <summary>Per touch point, every answer's score in [from, to), read as (touch point, score, count) rows.</summary>
    private async Task<Dictionary<Guid, List<int>>> ScoresAsync(SurveyMetric metric, List<Guid> points, DateTime from, DateTime to,
        CancellationToken ct)
    {
        var rows = await db.Responses.AsNoTracking()
            .Where(r => r.Metric == metric && r.Score != null && r.SubmittedAt >= from && r.SubmittedAt < to
                && r.TouchPointId != null && points.Contains(r.TouchPointId.Value))
            .GroupBy(r => new { TouchPointId = r.TouchPointId!.Value, Score = r.Score!.Value })
            .Select(g => new { g.Key.TouchPointId, g.Key.Score, Count = g.Count() })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.TouchPointId)
            .ToDictionary(g => g.Key, g => g.SelectMany(r => Enumerable.Repeat(r.Score, r.Count)).ToList());
    }

    private sealed record Count(Guid TouchPointId, int N);

    private static async Task<Dictionary<Guid, int>> CountAsync(IQueryable<Count> counts, CancellationToken ct) =>
        (await counts.ToListAsync(ct)).ToDictionary(c => c.TouchPointId, c => c.N);
}
