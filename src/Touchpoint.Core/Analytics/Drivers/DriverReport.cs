using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Analytics.Drivers;

/// <summary>Which answers a key-driver analysis reads: one metric over [From, To), optionally narrowed.</summary>
public sealed record DriverQuery(SurveyMetric Metric, DateTime From, DateTime To, Guid? SegmentId = null, Guid? TouchPointId = null,
    Channel? Channel = null);

/// <summary>What a driver is: the answer's touch point, a topic in its comment, or who the customer was.</summary>
public enum DriverKind
{
    TouchPoint,
    Topic,
    Channel,
    Persona,
    Segment,
    LifecycleStage,
    Trait,
}

/// <summary>
/// One driver. <see cref="Importance"/> is its share of the explained variance (percent; all drivers sum to
/// 100) with a 95% bootstrap interval; <see cref="Performance"/> is the metric among the answers having it.
/// Every number is null when the driver has too few cases.
/// </summary>
public sealed record DriverResult(
    string Key,
    DriverKind Kind,
    string Label,
    // What the drill-down filters on: a touch point, segment or persona id, a channel, a topic path, a stage, a trait.
    string Value,
    int Cases,
    double? Importance,
    double? ImportanceLow,
    double? ImportanceHigh,
    double? RawWeight,
    double? Performance,
    double? PerformanceMargin,
    string? Quadrant);

public sealed record DriverReport(
    SurveyMetric Metric,
    DateTime From,
    DateTime To,
    int Responses,
    int MinimumResponses,
    int MinimumCases,
    // Null when the analysis ran; otherwise why no numbers are shown.
    string? Refusal,
    double? RSquared,
    double? OverallScore,
    int Resamples,
    IReadOnlyList<DriverResult> Drivers,
    // Drivers seen in fewer than MinimumCases answers: named, never scored.
    IReadOnlyList<DriverResult> TooFewCases);

/// <summary>Names of the four quadrants of the importance-versus-performance matrix.</summary>
public static class DriverQuadrants
{
    public const string FixFirst = "fix first";
    public const string KeepUp = "keep up";
    public const string LowPriority = "low priority";
    public const string PossibleOverkill = "possible overkill";

    /// <summary>Split at the average importance (100 / drivers) and at the overall score.</summary>
    public static string Of(double importance, double averageImportance, double performance, double overall) =>
        importance >= averageImportance
            ? performance < overall ? FixFirst : KeepUp
            : performance < overall ? LowPriority : PossibleOverkill;
}
