namespace Touchpoint.Core.Analytics;

/// <summary>
/// One value of a breakdown: <see cref="Key"/> is what a filter takes back (an id, a channel or label
/// name), <see cref="Label"/> what a person reads.
/// </summary>
public sealed record MetricGroup(string Key, string Label, MetricScore Score);
