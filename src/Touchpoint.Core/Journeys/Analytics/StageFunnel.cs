using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Journeys.Analytics;

/// <summary>One stage of the funnel, and how its customers went on to the next stage (null on the last).</summary>
public sealed record FunnelStep(Guid StageId, string Stage, int Reached, Guid? NextStageId, string? NextStage, int? WentOn,
    double? ConversionPercent, double? DropOffPercent, TimeSpan? MedianTime, TimeSpan? P90Time);

/// <summary>
/// Stage-to-stage conversion from customers' event sequences. A customer reached a stage in the
/// period when one of their events in [from, to) was mapped to one of its touch points; t(s) is the
/// first such event. Of those who reached stage s, those who went on also reached the next stage s+1
/// at or after t(s): conversion = went on / reached, drop-off = 100 - conversion (percent), and the
/// time between the stages is t(s+1) - t(s), reported as the nearest-rank median and 90th percentile.
/// </summary>
public sealed class StageFunnel(TouchpointDbContext db)
{
    public async Task<IReadOnlyList<FunnelStep>> ComputeAsync(Journey journey, DateTime from, DateTime to, CancellationToken ct = default)
    {
        var stages = journey.Stages.OrderBy(s => s.Position).ToList();
        var stageIds = stages.Select(s => s.Id).ToList();

        // One GROUP BY customer, stage over the period's events joined to the journey's touch points:
        // the database returns one row per customer and stage reached, never the events themselves.
        var firsts = await db.Events.AsNoTracking()
            .Where(e => e.OccurredAt >= from && e.OccurredAt < to && e.TouchPointId != null)
            .Join(db.TouchPoints.Where(t => stageIds.Contains(t.StageId)), e => e.TouchPointId, t => (Guid?)t.Id,
                (e, t) => new { e.CustomerId, t.StageId, e.OccurredAt })
            .GroupBy(x => new { x.CustomerId, x.StageId })
            .Select(g => new { g.Key.CustomerId, g.Key.StageId, First = g.Min(x => x.OccurredAt) })
            .ToListAsync(ct);

        var byStage = firsts.GroupBy(f => f.StageId).ToDictionary(g => g.Key, g => g.ToDictionary(f => f.CustomerId, f => f.First));
        var steps = new List<FunnelStep>(stages.Count);
        for (var i = 0; i < stages.Count; i++)
        {
            var reached = byStage.GetValueOrDefault(stages[i].Id) ?? [];
            if (i == stages.Count - 1)
            {
                steps.Add(new FunnelStep(stages[i].Id, stages[i].Name, reached.Count, null, null, null, null, null, null, null));
                continue;
            }

            var next = byStage.GetValueOrDefault(stages[i + 1].Id) ?? [];
            var times = reached
                .Where(r => next.TryGetValue(r.Key, out var later) && later >= r.Value)
                .Select(r => next[r.Key] - r.Value)
                .Order()
                .ToList();
            double? conversion = reached.Count == 0 ? null : 100.0 * times.Count / reached.Count;
            steps.Add(new FunnelStep(stages[i].Id, stages[i].Name, reached.Count, stages[i + 1].Id, stages[i + 1].Name, times.Count,
                conversion, 100 - conversion, Percentile.NearestRank(times, 50), Percentile.NearestRank(times, 90)));
        }

        return steps;
    }
}
