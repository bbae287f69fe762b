using Touchpoint.Core.Analytics;

namespace Touchpoint.Core.Journeys.Analytics;

/// <summary>The trend of a touch point: its score now against the previous period.</summary>
public static class ScoreChanges
{
    /// <summary>
    /// Difference now - before, tested by <see cref="Significance"/> (two-sided z-test, SE from each
    /// score's margin): a change counts as real only at p &lt; 0.05, and never with too few answers on a side.
    /// </summary>
    public static ScoreChange Between(MetricScore before, MetricScore now)
    {
        var result = Significance.Compare(before, now);
        return new ScoreChange(result.Difference, result.PValue, result.IsSignificant);
    }
}
