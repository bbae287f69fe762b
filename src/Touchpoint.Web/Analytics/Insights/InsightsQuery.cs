using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics.Drivers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Web.Analytics.Insights;

/// <summary>
/// Reads the period and filters the insights API and pages share, with a field error for each value that
/// is not one. The period defaults to the 90 days up to now; "to" is exclusive.
/// </summary>
internal static class InsightsQuery
{
    public const int MaxDays = 732;

    public static (DateTime From, DateTime To)? Period(DateTimeOffset? from, DateTimeOffset? to, DateTime now, Dictionary<string, string[]> errors)
    {
        var end = to?.UtcDateTime ?? now;
        var start = from?.UtcDateTime ?? end.AddDays(-90);
        if (start >= end)
        {
            errors["to"] = ["'to' must be after 'from'."];
            return null;
        }

        if ((end - start).TotalDays > MaxDays)
        {
            errors["from"] = [$"A period can be at most {MaxDays} days long."];
            return null;
        }

        return (start, end);
    }

    public static async Task<DriverQuery?> DriversAsync(string? metric, DateTimeOffset? from, DateTimeOffset? to, Guid? segment,
        Guid? touchpoint, string? channel, DateTime now, TouchpointDbContext db, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var parsedMetric = SurveyMetric.Nps;
        if (metric is not null && (!Enum.TryParse(metric, ignoreCase: true, out parsedMetric) || int.TryParse(metric, out _)
            || !DriverAnalysis.Supports(parsedMetric)))
        {
            errors["metric"] = ["Use nps or csat: key drivers are computed for those two."];
        }

        Channel? parsedChannel = null;
        if (!string.IsNullOrEmpty(channel))
        {
            if (Enum.TryParse<Channel>(channel, ignoreCase: true, out var c) && Enum.IsDefined(c) && !int.TryParse(channel, out _))
            {
                parsedChannel = c;
            }
            else
            {
                errors["channel"] = [$"Use one of: {string.Join(", ", Enum.GetNames<Channel>().Select(n => n.ToLowerInvariant()))}."];
            }
        }

        if (segment is { } segmentId && !await db.Segments.AnyAsync(s => s.Id == segmentId, ct))
        {
            errors["segment"] = ["No segment with this id exists in your workspace."];
        }

        if (touchpoint is { } touchPointId && !await db.TouchPoints.AnyAsync(t => t.Id == touchPointId, ct))
        {
            errors["touchpoint"] = ["No touch point with this id exists in your workspace."];
        }

        var period = Period(from, to, now, errors);
        return errors.Count > 0 || period is not { } p ? null : new DriverQuery(parsedMetric, p.From, p.To, segment, touchpoint, parsedChannel);
    }
}
