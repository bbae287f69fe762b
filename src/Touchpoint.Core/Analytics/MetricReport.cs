namespace Touchpoint.Core.Analytics;

/// <summary>A metric over the whole range, and per period when grouped.</summary>
public sealed record MetricReport(MetricScore Overall, IReadOnlyList<MetricPeriod> Groups);

/// <summary>One period of a trend; <see cref="Start"/> is a local date in the workspace's zone.</summary>
public sealed record MetricPeriod(DateOnly Start, MetricScore Score);
