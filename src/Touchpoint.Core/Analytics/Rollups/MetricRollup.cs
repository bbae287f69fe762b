using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Analytics.Rollups;

/// <summary>
/// One workspace's answers to one metric on one local day (in the workspace's time zone), for one value of
/// one dimension, or all of them (<see cref="RollupDimensions.Total"/> with an empty key): the tally a
/// score needs. Maintained by <see cref="RollupMaintainer"/>; never read for a day that is still marked dirty.
/// Not filtered by the workspace query filter: every reader names the workspace itself.
/// </summary>
public sealed class MetricRollup
{
    public Guid WorkspaceId { get; set; }
    public SurveyMetric Metric { get; set; }
    public DateOnly Day { get; set; }

    /// <summary>"total" or a <see cref="Dimension"/> in lower case (see <see cref="RollupDimensions"/>).</summary>
    public required string Dimension { get; set; }

    /// <summary>The value, as the metrics API's filters and breakdowns name it; empty for the total.</summary>
    public required string Key { get; set; }

    public long N { get; set; }
    public long High { get; set; }
    public long Middle { get; set; }
    public long Low { get; set; }
    public long Sum { get; set; }
    public long SumOfSquares { get; set; }

    public ScoreTally Tally => new(N, High, Middle, Low, Sum, SumOfSquares);
}
