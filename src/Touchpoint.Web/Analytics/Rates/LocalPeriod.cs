using System.Globalization;
using Touchpoint.Core.Analytics;
using Touchpoint.Core.Platform;

namespace Touchpoint.Web.Analytics.Rates;

/// <summary>
/// <c>from</c> and <c>to</c> of the rates endpoints: a date is the workspace's local midnight (so a month is
/// the workspace's month, not UTC's), an instant with an offset is that instant. Half-open [from, to), as the
/// metrics API; by default the 90 days up to now.
/// </summary>
internal static class LocalPeriod
{
    public static (DateTime From, DateTime To) Read(IQueryCollection q, Workspace workspace, TimeProvider clock, Dictionary<string, string[]> errors)
    {
        var calendar = new PeriodCalendar(workspace.TimeZoneInfo, workspace.WeekStart);
        var to = Instant(q, "to", calendar, errors) ?? clock.GetUtcNow().UtcDateTime;
        var from = Instant(q, "from", calendar, errors) ?? to.AddDays(-90);
        if (from >= to && !errors.ContainsKey("from") && !errors.ContainsKey("to"))
        {
            errors["to"] = ["'to' must be after 'from'."];
        }

        return (from, to);
    }

    /// <summary>The query with from and to replaced by the UTC instants read here, for <see cref="Metrics.MetricQueryReader"/>.</summary>
    public static QueryCollection WithInstants(IQueryCollection q, DateTime from, DateTime to, params string[] without)
    {
        var copy = q.Where(p => !without.Contains(p.Key, StringComparer.OrdinalIgnoreCase))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        copy["from"] = from.ToString("O", CultureInfo.InvariantCulture);
        copy["to"] = to.ToString("O", CultureInfo.InvariantCulture);
        return new QueryCollection(copy);
    }

    private static DateTime? Instant(IQueryCollection q, string name, PeriodCalendar calendar, Dictionary<string, string[]> errors)
    {
        var value = q[name].ToString().Trim();
        if (value.Length == 0)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return calendar.StartOfDayUtc(day);
        }

        if (value.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at.UtcDateTime;
        }

        errors[name] = ["Use a date (the workspace's local midnight), e.g. 2026-11-01, or an instant with its offset, e.g. 2026-11-01T00:00:00Z."];
        return null;
    }
}
