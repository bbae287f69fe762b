using System.Globalization;
using Touchpoint.Core.Analytics.Dashboards;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Web.Analytics.Dashboards;

/// <summary>
/// Links from a number to the responses behind it: the Responses page with the same metric, local dates
/// and filters, plus the row's or cell's own (a touch point, a week). The page counts them with the same
/// <c>MetricAnswers</c> definition, so it lists as many responses as the number's n.
/// </summary>
internal static class DrillDown
{
    public static string Responses(DashboardFilter filter, SurveyMetric metric, DateOnly first, DateOnly last,
        IReadOnlyDictionary<string, string?>? extra = null)
    {
        var values = DashboardFilterQuery.Narrowing(filter);
        foreach (var (name, value) in extra ?? new Dictionary<string, string?>())
        {
            values[name] = value;
        }

        var parts = new List<string>
        {
            $"metric={metric.ToString().ToLowerInvariant()}",
            $"from={first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
            $"to={last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
        };
        parts.AddRange(values.Where(v => v.Value is not null).Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value!)}"));
        return "/responses?" + string.Join("&", parts);
    }

    public static string Responses(DashboardFilter filter, SurveyMetric metric, DashboardRange range,
        IReadOnlyDictionary<string, string?>? extra = null) =>
        Responses(filter, metric, range.FirstDay, range.LastDay, extra);

    /// <summary>One week of a trend, clipped to the period (the first and last weeks may be partial).</summary>
    public static string Week(DashboardFilter filter, SurveyMetric metric, DashboardRange range, DateOnly weekStart)
    {
        var first = weekStart < range.FirstDay ? range.FirstDay : weekStart;
        var last = weekStart.AddDays(6) > range.LastDay ? range.LastDay : weekStart.AddDays(6);
        return Responses(filter, metric, first, last);
    }
}
