namespace Touchpoint.Core.Analytics.GroupTrends;

/// <summary>
/// One value of a breakdown with its own trend: the score over the whole range (the sum of its periods'
/// tallies) and one <see cref="MetricPeriod"/> per period in which the group has answers.
/// </summary>
public sealed record MetricGroupTrend(string Key, string Label, MetricScore Score, IReadOnlyList<MetricPeriod> Periods);
