using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;
using Touchpoint.Web.Platform;
using Touchpoint.Web.Text;

namespace Touchpoint.Web.Analytics;

/// <summary>GET /api/v1/metrics/{nps|csat|ces}: the score with its 95% margin of error, optionally per period.</summary>
internal static class MetricsApi
{
    public sealed record MetricDto(SurveyMetric Metric, double? Score, int N, double? MarginOfError, int MinimumAnswers,
        MetricBreakdown Breakdown, DateTime From, DateTime To, IReadOnlyList<PeriodDto> Groups);

    public sealed record PeriodDto(DateOnly Period, double? Score, int N, double? MarginOfError);

    public static void MapMetricsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/metrics/{metric}", GetAsync).RequireAuthorization(Permission.ViewAnalytics.Name).WithTags("Metrics");

    private static async Task<Results<Ok<MetricDto>, ValidationProblem>> GetAsync(string metric, DateTimeOffset? from, DateTimeOffset? to,
        Guid? survey, Guid? touchpoint, string? channel, string? groupBy, Guid? segment, string? sentiment, string? emotion, string? signal,
        string? topic, string? intent, MetricsService metrics, CurrentWorkspace current,
        TouchpointDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Enum.TryParse<SurveyMetric>(metric, ignoreCase: true, out var parsedMetric) || int.TryParse(metric, out _))
        {
            errors["metric"] = ["Use nps, csat or ces."];
        }

        PeriodGrouping? grouping = null;
        if (groupBy is not null)
        {
            if (Enum.TryParse<PeriodGrouping>(groupBy, ignoreCase: true, out var g) && !int.TryParse(groupBy, out _))
            {
                grouping = g;
            }
            else
            {
                errors["groupBy"] = ["Use day, week or month."];
            }
        }

        Channel? parsedChannel = null;
        if (channel is not null)
        {
            if (Enum.TryParse<Channel>(channel, ignoreCase: true, out var c) && !int.TryParse(channel, out _))
            {
                parsedChannel = c;
            }
            else
            {
                errors["channel"] = [$"Use one of: {string.Join(", ", Enum.GetNames<Channel>().Select(n => n.ToLowerInvariant()))}."];
            }
        }

        var end = to?.UtcDateTime ?? clock.GetUtcNow().UtcDateTime;
        var start = from?.UtcDateTime ?? end.AddDays(-90);
        if (start >= end)
        {
            errors["to"] = ["'to' must be after 'from'."];
        }

        if (segment is { } segmentId && !await db.Segments.AnyAsync(s => s.Id == segmentId, ct))
        {
            errors["segment"] = ["No segment with this id exists in your workspace."];
        }

        var text = TextFilterQuery.Read(sentiment, emotion, signal, topic, intent, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var workspace = await current.GetAsync(ct);
        var report = await metrics.ComputeAsync(workspace, new MetricQuery(parsedMetric, start, end, grouping, survey, touchpoint, parsedChannel, segment) { Text = text }, ct: ct);
        var o = report.Overall;
        return TypedResults.Ok(new MetricDto(parsedMetric, o.Score, o.N, o.MarginOfError, workspace.MinimumAnswers, o.Breakdown,
            start, end, report.Groups.Select(g => new PeriodDto(g.Start, g.Score.Score, g.Score.N, g.Score.MarginOfError)).ToList()));
    }
}
