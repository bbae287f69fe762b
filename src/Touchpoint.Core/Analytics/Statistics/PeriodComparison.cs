namespace Touchpoint.Core.Analytics.Statistics;

/// <summary>What a period is compared with: the one just before it, or the same dates a year earlier.</summary>
public enum ComparisonPeriod
{
    Previous,
    LastYear,
}

/// <summary>The change of a score between two periods, tested with <see cref="Significance.Compare"/>.</summary>
/// <param name="Baseline">The score of the earlier period.</param>
/// <param name="Change">Current minus baseline, its two-sided p-value, and whether p &lt; 0.05.</param>
public sealed record PeriodChange(DateTime From, DateTime To, MetricScore Baseline, SignificanceResult Change);

public static class PeriodComparison
{
    /// <summary>
    /// The earlier range: "previous" is the range of the same length that ends where this one starts
    /// ([from - (to - from), from)); "lastYear" is the same dates one calendar year earlier.
    /// </summary>
    public static (DateTime From, DateTime To) Range(ComparisonPeriod period, DateTime from, DateTime to) => period switch
    {
        ComparisonPeriod.Previous => (from - (to - from), from),
        ComparisonPeriod.LastYear => (from.AddYears(-1), to.AddYears(-1)),
        _ => throw new ArgumentOutOfRangeException(nameof(period)),
    };

    /// <summary>Scores the earlier range of <paramref name="query"/> and tests the difference.</summary>
    public static async Task<PeriodChange> CompareAsync(MetricsService metrics, Platform.Workspace workspace, MetricQuery query,
        MetricScore current, ComparisonPeriod period, CancellationToken ct)
    {
        var (from, to) = Range(period, query.From, query.To);
        var baseline = (await metrics.ComputeAsync(workspace, query with { From = from, To = to, GroupBy = null }, ct: ct)).Overall;
        return new PeriodChange(from, to, baseline, Significance.Compare(baseline, current));
    }
}
