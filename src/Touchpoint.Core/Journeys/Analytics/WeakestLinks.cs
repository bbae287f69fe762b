using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Journeys.Analytics;

/// <summary>
/// Which touch points the map highlights: the lowest reportable scores of the journey (the lowest
/// three when six or more touch points have a score, else the single lowest when two or more do, ties
/// included), and every touch point whose score fell significantly since the previous period.
/// Touch points under the minimum number of answers are never called weak: there is nothing to judge.
/// </summary>
public static class WeakestLinks
{
    public static List<StageMap> Mark(List<StageMap> stages, SurveyMetric metric)
    {
        var scored = stages.SelectMany(s => s.TouchPoints).Where(t => t.Score.Score is not null).ToList();
        var take = scored.Count >= 6 ? 3 : scored.Count >= 2 ? 1 : 0;
        var cutoff = scored.Select(t => t.Score.Score!.Value).Order().Take(take).LastOrDefault(double.NaN);
        return stages.Select(s => s with
        {
            TouchPoints = s.TouchPoints.Select(t =>
            {
                var lowest = take > 0 && t.Score.Score <= cutoff;
                var reason = (lowest, t.Change.Fell) switch
                {
                    (true, true) => $"one of the lowest {Label(metric)} scores, and fell significantly",
                    (true, false) => $"one of the lowest {Label(metric)} scores",
                    (false, true) => "fell significantly since the previous period",
                    _ => null,
                };
                return t with { Weakest = reason is not null, WeakestReason = reason };
            }).ToList(),
        }).ToList();
    }

    private static string Label(SurveyMetric metric) => metric.ToString().ToUpperInvariant();
}
