namespace Touchpoint.Core.Journeys.Analytics;

/// <summary>Nearest-rank percentiles: no interpolation, so every reported time is one a customer actually took.</summary>
public static class Percentile
{
    /// <summary>
    /// The p-th percentile (0 &lt; p &lt;= 100) of <paramref name="sorted"/> (ascending): the value at rank
    /// ceil(p / 100 x n), counting from 1. The median is p = 50; null for no values.
    /// </summary>
    public static TimeSpan? NearestRank(IReadOnlyList<TimeSpan> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
