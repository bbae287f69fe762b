using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Analytics;

/// <summary>
/// Which answers a metric covers: a half-open UTC range [From, To) and optional filters. A segment
/// keeps answers of its current members (the answer-time snapshot comes with the feedback capability).
/// </summary>
public sealed record MetricQuery(
    SurveyMetric Metric,
    DateTime From,
    DateTime To,
    PeriodGrouping? GroupBy = null,
    Guid? SurveyId = null,
    Guid? TouchPointId = null,
    Channel? Channel = null,
    Guid? SegmentId = null);
