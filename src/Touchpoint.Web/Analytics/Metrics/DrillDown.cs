using Touchpoint.Core.Analytics;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;

namespace Touchpoint.Web.Analytics.Metrics;

/// <summary>
/// The responses behind a number: with <c>metric=</c>, the responses list reads the metrics API's filters
/// (<see cref="MetricQueryReader"/>, the same defaults) and keeps exactly the answers that number counted
/// (<see cref="MetricAnswers.Apply"/>, the one definition both use).
/// </summary>
internal static class DrillDown
{
    /// <summary>Null when no metric was asked for (or the query has errors, which are in <paramref name="errors"/>).</summary>
    public static async Task<IQueryable<Response>?> ReadAsync(string? metric, HttpRequest request, TouchpointDbContext db, TimeProvider clock,
        Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(metric))
        {
            return null;
        }

        if (!MetricQueryReader.TryMetric(metric, out var parsed))
        {
            errors["metric"] = ["Use nps, csat or ces."];
            return null;
        }

        var query = await MetricQueryReader.ReadAsync(request.Query, parsed, db, clock, errors, ct);
        return query is null ? null : MetricAnswers.Apply(db, query);
    }
}
