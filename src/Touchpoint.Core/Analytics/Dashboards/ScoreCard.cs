using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Analytics.Dashboards;

/// <summary>
/// A metric over the period, the same metric over the comparison period (when one is asked for), and
/// whether the change is real: <see cref="Change"/> is significant only at p &lt; 0.05 with enough answers on both sides.
/// </summary>
public sealed record ScoreCard(SurveyMetric Metric, MetricScore Current, MetricScore? Previous, SignificanceResult? Change);
