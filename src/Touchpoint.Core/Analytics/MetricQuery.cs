using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Text.Storage;

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
    Guid? SegmentId = null)
{
    /// <summary>Only answers whose comments the analyser found this in (sentiment, emotion, signal, topic, intent).</summary>
    public ResponseTextFilter? Text { get; init; }
}
