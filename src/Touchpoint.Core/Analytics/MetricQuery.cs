using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Text.Storage;

namespace Touchpoint.Core.Analytics;

/// <summary>
/// Which answers a metric covers: a half-open UTC range [From, To) and optional filters, all of which
/// must hold. Segment, persona and traits read the response's snapshot (who the customer was when they answered).
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

    /// <summary>The persona the customer had when they answered (snapshot).</summary>
    public Guid? PersonaId { get; init; }

    /// <summary>The journey stage: the response's own, or its touch point's.</summary>
    public Guid? StageId { get; init; }

    /// <summary>The agent named on the response (name or email as recorded).</summary>
    public string? Agent { get; init; }

    /// <summary>The team of the conversation the response followed.</summary>
    public Guid? TeamId { get; init; }

    /// <summary>The respondent's language, e.g. "en".</summary>
    public string? Language { get; init; }

    /// <summary>A reporting trait (custom field) as the snapshot froze it.</summary>
    public TraitFilter? Trait { get; init; }
}
