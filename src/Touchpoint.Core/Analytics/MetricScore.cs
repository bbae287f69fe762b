using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Analytics;

/// <summary>
/// A metric over a set of answers. <see cref="Score"/> and <see cref="MarginOfError"/> are null when
/// fewer than the minimum number of answers were given: a score on a handful of answers misleads.
/// </summary>
public sealed record MetricScore(SurveyMetric Metric, int N, double? Score, double? MarginOfError, MetricBreakdown Breakdown)
{
    public bool IsReportable => Score is not null;

    /// <summary>The counts and sums the score was computed from (a group's "rest" is the total's tally minus the group's).</summary>
    public ScoreTally Tally { get; init; }
}

/// <summary>
/// The parts a score is made of. For NPS: promoters, passives, detractors. For CSAT: satisfied (4-5)
/// in <see cref="High"/>, the rest in <see cref="Low"/>. For CES: easy (5-7), neutral (4), difficult (1-3).
/// </summary>
public sealed record MetricBreakdown(int High, int Middle, int Low);
