using Touchpoint.Core.Analytics;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Journeys.Analytics;

/// <summary>A journey's touch points with their scores, volumes and trends over a period, and its stage funnel.</summary>
public sealed record JourneyMap(Journey Journey, SurveyMetric Metric, JourneyPeriod Period, int MinimumAnswers,
    IReadOnlyList<StageMap> Stages, IReadOnlyList<FunnelStep> Funnel)
{
    public IEnumerable<TouchPointMap> TouchPoints => Stages.SelectMany(s => s.TouchPoints);
}

public sealed record StageMap(Guid Id, string Name, int Position, IReadOnlyList<TouchPointMap> TouchPoints);

/// <summary>
/// One touch point in the period: its score (null under the minimum number of answers), the same
/// metric in the previous period, whether the change is significant, the volume of responses (any
/// metric), events and conversations there, and a sparkline of the score over six slices of the period.
/// </summary>
public sealed record TouchPointMap(Guid Id, string Name, Channel Channel, MetricScore Score, MetricScore Previous, ScoreChange Change,
    TouchPointVolume Volume, IReadOnlyList<double?> Sparkline)
{
    /// <summary>Among the lowest reportable scores of the journey, or fell significantly since the previous period.</summary>
    public bool Weakest { get; init; }

    public string? WeakestReason { get; init; }
}

public sealed record TouchPointVolume(int Responses, int Events, int Conversations);

/// <summary>
/// Current minus previous score, and whether that difference is real (p &lt; 0.05) rather than noise;
/// null difference when either side is under the minimum number of answers.
/// </summary>
public sealed record ScoreChange(double? Difference, double? PValue, bool Significant)
{
    public static readonly ScoreChange None = new(null, null, false);

    public bool Rose => Significant && Difference > 0;

    public bool Fell => Significant && Difference < 0;
}
