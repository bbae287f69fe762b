using Touchpoint.Core.Analytics;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Text.Storage;

namespace Touchpoint.Web.Analytics.Dashboards;

/// <summary>
/// The filters the Responses page takes from a dashboard's drill-down beyond its own: the metric, and
/// persona, stage, agent, team, language and custom field, all as <see cref="MetricAnswers"/> applies them.
/// </summary>
internal sealed record MeasureFilters(SurveyMetric? Metric, Guid? PersonaId, Guid? StageId, string? Agent, Guid? TeamId, string? Language,
    TraitFilter? Trait)
{
    public static readonly MeasureFilters None = new(null, null, null, null, null, null, null);

    /// <summary>Bounds for an open-ended list (no from or to): before and after any answer.</summary>
    public static readonly DateTime Earliest = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Latest = new(9000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public bool IsEmpty => this == None;

    public static MeasureFilters Read(string? metric, Guid? persona, Guid? stage, string? agent, Guid? team, string? language, string? trait,
        string? traitValue, Dictionary<string, string[]> errors)
    {
        SurveyMetric? parsed = null;
        if (!string.IsNullOrWhiteSpace(metric))
        {
            if (Enum.TryParse<SurveyMetric>(metric, ignoreCase: true, out var m) && Enum.IsDefined(m) && !int.TryParse(metric, out _))
            {
                parsed = m;
            }
            else
            {
                errors["metric"] = ["Use nps, csat or ces."];
            }
        }

        static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        TraitFilter? traitFilter = null;
        if (Text(trait) is { } key)
        {
            if (Text(traitValue) is { } value)
            {
                traitFilter = new TraitFilter(key, value);
            }
            else
            {
                errors["traitValue"] = ["Give the custom field's value ('traitValue') with 'trait'."];
            }
        }

        return new MeasureFilters(parsed, persona, stage, Text(agent), team, Text(language), traitFilter);
    }

    /// <summary>The answers of the metric (or of any metric, when none is given) that pass every filter.</summary>
    public IQueryable<Response> Apply(TouchpointDbContext db, (DateTime From, DateTime To) range, Guid? survey, Guid? touchPoint, Channel? channel,
        Guid? segment, ResponseTextFilter text)
    {
        MetricQuery Query(SurveyMetric metric) =>
            new(metric, range.From, range.To, null, survey, touchPoint, channel, segment)
            {
                PersonaId = PersonaId,
                StageId = StageId,
                Agent = Agent,
                TeamId = TeamId,
                Language = Language,
                Trait = Trait,
                Text = text.IsEmpty ? null : text,
            };

        if (Metric is { } one)
        {
            return MetricAnswers.Apply(db, Query(one));
        }

        var ids = MetricAnswers.Apply(db, Query(SurveyMetric.Nps)).Select(r => r.Id)
            .Concat(MetricAnswers.Apply(db, Query(SurveyMetric.Csat)).Select(r => r.Id))
            .Concat(MetricAnswers.Apply(db, Query(SurveyMetric.Ces)).Select(r => r.Id));
        return db.Responses.Where(r => ids.Contains(r.Id));
    }

    /// <summary>The filters as query parameters, for paging links and chips.</summary>
    public IEnumerable<(string Name, string? Value)> Parameters() =>
    [
        ("metric", Metric?.ToString().ToLowerInvariant()),
        ("persona", PersonaId?.ToString("D")),
        ("stage", StageId?.ToString("D")),
        ("agent", Agent),
        ("team", TeamId?.ToString("D")),
        ("language", Language),
        ("trait", Trait?.Key),
        ("traitValue", Trait?.Value),
    ];
}
