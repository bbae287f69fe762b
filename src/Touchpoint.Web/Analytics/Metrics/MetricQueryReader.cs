using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;
using Touchpoint.Web.Text;

namespace Touchpoint.Web.Analytics.Metrics;

/// <summary>
/// Reads a <see cref="MetricQuery"/> from a query string, the same for a metric and for the drill-down to
/// the responses behind it: <c>from</c>, <c>to</c>, <c>survey</c>, <c>segment</c>, <c>persona</c>,
/// <c>touchpoint</c>, <c>stage</c>, <c>channel</c>, <c>agent</c>, <c>team</c>, <c>language</c>, the text
/// filters and one <c>trait.&lt;key&gt;=&lt;value&gt;</c>. Every value that is not one, and every id that is
/// not of the caller's workspace (another workspace's ids look exactly like unknown ones), is a field error.
/// </summary>
internal static class MetricQueryReader
{
    public const int MaxTextLength = 200;

    public static async Task<MetricQuery?> ReadAsync(IQueryCollection q, SurveyMetric metric, TouchpointDbContext db, TimeProvider clock,
        Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var end = Instant(q, "to", errors) ?? clock.GetUtcNow().UtcDateTime;
        var start = Instant(q, "from", errors) ?? end.AddDays(-90);
        if (start >= end && !errors.ContainsKey("from") && !errors.ContainsKey("to"))
        {
            errors["to"] = ["'to' must be after 'from'."];
        }

        var survey = await IdAsync(q, "survey", "survey", db.Surveys.Select(s => s.Id), errors, ct);
        var segment = await IdAsync(q, "segment", "segment", db.Segments.Select(s => s.Id), errors, ct);
        var persona = await IdAsync(q, "persona", "persona", db.Personas.Select(s => s.Id), errors, ct);
        var touchPoint = await IdAsync(q, "touchpoint", "touch point", db.TouchPoints.Select(s => s.Id), errors, ct);
        var stage = await IdAsync(q, "stage", "journey stage", db.JourneyStages.Select(s => s.Id), errors, ct);
        var team = await IdAsync(q, "team", "team", db.Teams.Select(s => s.Id), errors, ct);
        Channel? channel = null;
        if (Text(q, "channel") is { } c)
        {
            if (Enum.TryParse<Channel>(c, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(c, out _))
            {
                channel = parsed;
            }
            else
            {
                errors["channel"] = [$"Use one of: {string.Join(", ", Enum.GetNames<Channel>().Select(n => n.ToLowerInvariant()))}."];
            }
        }

        var agent = Bounded(q, "agent", errors);
        var language = Bounded(q, "language", errors);
        var text = TextFilterQuery.Read(Text(q, "sentiment"), Text(q, "emotion"), Text(q, "signal"), Text(q, "topic"), Text(q, "intent"), errors);
        var trait = await TraitAsync(q, db, errors, ct);
        return errors.Count > 0 ? null : new MetricQuery(metric, start, end, null, survey, touchPoint, channel, segment)
        {
            PersonaId = persona,
            StageId = stage,
            Agent = agent,
            TeamId = team,
            Language = language,
            Trait = trait,
            Text = text.IsEmpty ? null : text,
        };
    }

    public static bool TryMetric(string? value, out SurveyMetric metric) =>
        Enum.TryParse(value, ignoreCase: true, out metric) && Enum.IsDefined(metric) && !int.TryParse(value, out _);

    private static string? Text(IQueryCollection q, string name) =>
        q.TryGetValue(name, out var values) && !string.IsNullOrWhiteSpace(values.ToString()) ? values.ToString().Trim() : null;

    private static string? Bounded(IQueryCollection q, string name, Dictionary<string, string[]> errors)
    {
        var value = Text(q, name);
        if (value is { Length: > MaxTextLength })
        {
            errors[name] = [$"Use at most {MaxTextLength} characters."];
            return null;
        }

        return value;
    }

    private static DateTime? Instant(IQueryCollection q, string name, Dictionary<string, string[]> errors)
    {
        if (Text(q, name) is not { } value)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
        {
            return at.UtcDateTime;
        }

        errors[name] = ["Use an ISO 8601 date or instant, e.g. 2026-11-01 or 2026-11-01T00:00:00Z."];
        return null;
    }

    private static async Task<Guid?> IdAsync(IQueryCollection q, string name, string what, IQueryable<Guid> known,
        Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (Text(q, name) is not { } value)
        {
            return null;
        }

        if (Guid.TryParse(value, out var id) && await known.AnyAsync(k => k == id, ct))
        {
            return id;
        }

        errors[name] = [$"No {what} with this id exists in your workspace."];
        return null;
    }

    /// <summary>One <c>trait.&lt;key&gt;</c>, naming a reporting trait (only those are frozen in the snapshot).</summary>
    private static async Task<TraitFilter?> TraitAsync(IQueryCollection q, TouchpointDbContext db, Dictionary<string, string[]> errors,
        CancellationToken ct)
    {
        var traits = q.Keys.Where(k => k.StartsWith("trait.", StringComparison.Ordinal)).ToList();
        if (traits.Count == 0)
        {
            return null;
        }

        if (traits.Count > 1)
        {
            errors["trait"] = ["Filter on one trait at a time."];
            return null;
        }

        var field = traits[0];
        var key = field["trait.".Length..];
        var value = q[field].ToString();
        if (key.Length == 0 || !await db.TraitDefinitions.AnyAsync(t => t.Key == key && t.IsReportingTrait, ct))
        {
            errors[field] = ["No reporting trait has this key: mark a trait as a reporting trait in Settings to filter answers by it."];
            return null;
        }

        if (value.Length is 0 or > MaxTextLength)
        {
            errors[field] = [$"Give a value of 1 to {MaxTextLength} characters."];
            return null;
        }

        return new TraitFilter(key, value);
    }
}
