using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Text.Storage;

namespace Touchpoint.Core.Analytics.Dashboards;

/// <summary>
/// What every widget of a dashboard shows: a period of local dates (the last <see cref="Days"/> days, or
/// <see cref="From"/> to <see cref="To"/> inclusive), a comparison, and the filters every metric query takes.
/// The same values travel in the URL of the dashboard, of its drill-down links and of its CSV downloads.
/// </summary>
public sealed record DashboardFilter
{
    public const int DefaultDays = 90;
    public static readonly IReadOnlyList<int> DayChoices = [30, 90, 180, 365];

    public int Days { get; init; } = DefaultDays;
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public ComparePeriod Compare { get; init; } = ComparePeriod.Previous;

    /// <summary>The metric the trend, distribution, heat map and breakdown tables show.</summary>
    public SurveyMetric Metric { get; init; } = SurveyMetric.Nps;

    public Guid? SegmentId { get; init; }
    public Guid? PersonaId { get; init; }
    public Channel? Channel { get; init; }
    public Guid? TouchPointId { get; init; }
    public Guid? StageId { get; init; }
    public string? Agent { get; init; }
    public Guid? TeamId { get; init; }
    public string? Topic { get; init; }
    public string? Sentiment { get; init; }
    public string? Language { get; init; }
    public TraitFilter? Trait { get; init; }

    public bool IsCustomPeriod => From is not null && To is not null;

    /// <summary>The answers of <paramref name="metric"/> in [from, to) that pass every filter.</summary>
    public MetricQuery Query(SurveyMetric metric, DateTime from, DateTime to, PeriodGrouping? grouping = null) =>
        new(metric, from, to, grouping, TouchPointId: TouchPointId, Channel: Channel, SegmentId: SegmentId)
        {
            PersonaId = PersonaId,
            StageId = StageId,
            Agent = Agent,
            TeamId = TeamId,
            Language = Language,
            Trait = Trait,
            Text = Topic is null && Sentiment is null ? null : new ResponseTextFilter(Sentiment, Topic: Topic),
        };
}
