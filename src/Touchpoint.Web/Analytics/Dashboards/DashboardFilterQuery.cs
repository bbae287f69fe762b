using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics;
using Touchpoint.Core.Analytics.Dashboards;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;
using Touchpoint.Web.Text;

namespace Touchpoint.Web.Analytics.Dashboards;

/// <summary>
/// Reads a <see cref="DashboardFilter"/> from a query string and writes one back, so a dashboard view is a
/// URL that can be bookmarked and shared. Each value that is not one gives a field error saying what to use;
/// an id from another workspace is treated as unknown.
/// </summary>
internal static class DashboardFilterQuery
{
    public const int MaxTextLength = 200;

    /// <summary>The query parameters a filter is made of, in the order links write them.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["days", "from", "to", "compare", "metric", "segment", "persona", "channel", "touchpoint", "stage", "agent", "team", "topic",
        "sentiment", "language", "trait", "traitValue"];

    public static async Task<DashboardFilter> ReadAsync(IQueryCollection query, TouchpointDbContext db, Dictionary<string, string[]> errors,
        CancellationToken ct)
    {
        string? Get(string name) => query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        var filter = new DashboardFilter();

        var from = Date(Get("from"), "from", errors);
        var to = Date(Get("to"), "to", errors);
        if (from is not null || to is not null)
        {
            if (from is null || to is null)
            {
                errors[from is null ? "from" : "to"] = ["Give both 'from' and 'to' dates (yyyy-MM-dd) for a custom period."];
            }
            else if (to < from)
            {
                errors["to"] = ["'to' must be on or after 'from'."];
            }
            else if (to.Value.DayNumber - from.Value.DayNumber > 3 * 366)
            {
                errors["to"] = ["A custom period can span at most three years."];
            }
            else
            {
                filter = filter with { From = from, To = to };
            }
        }

        if (Get("days") is { } days)
        {
            if (int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && DashboardFilter.DayChoices.Contains(d))
            {
                filter = filter with { Days = d };
            }
            else
            {
                errors["days"] = [$"Use one of: {string.Join(", ", DashboardFilter.DayChoices)}."];
            }
        }

        if (Get("compare") is { } compare)
        {
            if (Enum.TryParse<ComparePeriod>(compare, ignoreCase: true, out var c) && Enum.IsDefined(c) && !int.TryParse(compare, out _))
            {
                filter = filter with { Compare = c };
            }
            else
            {
                errors["compare"] = ["Use previous, lastYear or none."];
            }
        }

        if (Get("metric") is { } metric)
        {
            if (Enum.TryParse<SurveyMetric>(metric, ignoreCase: true, out var m) && Enum.IsDefined(m) && !int.TryParse(metric, out _))
            {
                filter = filter with { Metric = m };
            }
            else
            {
                errors["metric"] = ["Use nps, csat or ces."];
            }
        }

        if (Get("channel") is { } channel)
        {
            if (Enum.TryParse<Channel>(channel, ignoreCase: true, out var c) && Enum.IsDefined(c) && !int.TryParse(channel, out _))
            {
                filter = filter with { Channel = c };
            }
            else
            {
                errors["channel"] = [$"Use one of: {string.Join(", ", Enum.GetNames<Channel>().Select(n => n.ToLowerInvariant()))}."];
            }
        }

        filter = filter with
        {
            SegmentId = await KnownAsync(Get("segment"), "segment", "segment", id => db.Segments.AnyAsync(s => s.Id == id, ct), errors),
            PersonaId = await KnownAsync(Get("persona"), "persona", "persona", id => db.Personas.AnyAsync(s => s.Id == id, ct), errors),
            TouchPointId = await KnownAsync(Get("touchpoint"), "touchpoint", "touch point", id => db.TouchPoints.AnyAsync(s => s.Id == id, ct), errors),
            StageId = await KnownAsync(Get("stage"), "stage", "journey stage", id => db.JourneyStages.AnyAsync(s => s.Id == id, ct), errors),
            TeamId = await KnownAsync(Get("team"), "team", "team", id => db.Teams.AnyAsync(s => s.Id == id, ct), errors),
            Agent = Text(Get("agent"), "agent", errors),
            Language = Text(Get("language"), "language", errors),
        };

        var text = TextFilterQuery.Read(Get("sentiment"), null, null, Get("topic"), null, errors);
        filter = filter with { Sentiment = text.Sentiment, Topic = text.Topic };

        var trait = Text(Get("trait"), "trait", errors);
        var traitValue = Text(Get("traitValue"), "traitValue", errors);
        if (trait is not null || traitValue is not null)
        {
            if (trait is null || traitValue is null)
            {
                errors[trait is null ? "trait" : "traitValue"] = ["Give both the reporting trait ('trait') and its value ('traitValue')."];
            }
            else if (!await db.TraitDefinitions.AnyAsync(t => t.Key == trait && t.IsReportingTrait, ct))
            {
                errors["trait"] = ["Use a reporting trait of your workspace (Settings → Traits); answers only record those."];
            }
            else
            {
                filter = filter with { Trait = new TraitFilter(trait, traitValue) };
            }
        }

        return filter;
    }

    /// <summary>The filter as query parameters (defaults left out), optionally with some replaced or removed (null).</summary>
    public static string Write(DashboardFilter filter, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var values = Values(filter);
        foreach (var (name, value) in overrides ?? new Dictionary<string, string?>())
        {
            values[name] = value;
        }

        return string.Join("&", values.Where(v => v.Value is not null).Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value!)}"));
    }

    /// <summary>Every filter value that narrows the answers (no period, comparison or metric), by parameter name.</summary>
    public static Dictionary<string, string?> Narrowing(DashboardFilter filter) => new()
    {
        ["segment"] = filter.SegmentId?.ToString("D"),
        ["persona"] = filter.PersonaId?.ToString("D"),
        ["channel"] = filter.Channel?.ToString().ToLowerInvariant(),
        ["touchpoint"] = filter.TouchPointId?.ToString("D"),
        ["stage"] = filter.StageId?.ToString("D"),
        ["agent"] = filter.Agent,
        ["team"] = filter.TeamId?.ToString("D"),
        ["topic"] = filter.Topic,
        ["sentiment"] = filter.Sentiment,
        ["language"] = filter.Language,
        ["trait"] = filter.Trait?.Key,
        ["traitValue"] = filter.Trait?.Value,
    };

    private static Dictionary<string, string?> Values(DashboardFilter filter)
    {
        var values = new Dictionary<string, string?>
        {
            ["days"] = filter.IsCustomPeriod || filter.Days == DashboardFilter.DefaultDays ? null : filter.Days.ToString(CultureInfo.InvariantCulture),
            ["from"] = filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["compare"] = filter.Compare == ComparePeriod.Previous ? null : Camel(filter.Compare.ToString()),
            ["metric"] = filter.Metric == SurveyMetric.Nps ? null : filter.Metric.ToString().ToLowerInvariant(),
        };
        foreach (var (name, value) in Narrowing(filter))
        {
            values[name] = value;
        }

        return values;
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static DateOnly? Date(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[field] = ["Give a date as yyyy-MM-dd."];
        return null;
    }

    private static string? Text(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (text is { Length: > MaxTextLength })
        {
            errors[field] = [$"Give at most {MaxTextLength} characters."];
            return null;
        }

        return text;
    }

    private static async Task<Guid?> KnownAsync(string? text, string field, string what, Func<Guid, Task<bool>> exists,
        Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (Guid.TryParse(text, out var id) && await exists(id))
        {
            return id;
        }

        errors[field] = [$"No {what} with this id exists in your workspace."];
        return null;
    }
}
