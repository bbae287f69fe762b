using System.Text;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Core.Analytics;
using Touchpoint.Core.Analytics.GroupTrends;
using Touchpoint.Core.Analytics.Statistics;
using Touchpoint.Core.Data;
using Touchpoint.Core.Surveys;
using Touchpoint.Web.Analytics.Metrics;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Analytics;

/// <summary>
/// GET /api/v1/metrics/{nps|csat|ces}: the score with its 95% margin of error, per period when grouped, per
/// value of a dimension (each tested against the rest) when broken down, and against an earlier period when
/// compared; <c>format=csv</c> gives the table. Filters: <see cref="MetricQueryReader"/>.
/// </summary>
internal static class MetricsApi
{
    public sealed record MetricDto(SurveyMetric Metric, double? Score, int N, double? MarginOfError, int MinimumAnswers,
        MetricBreakdown Parts, DateTime From, DateTime To, IReadOnlyList<PeriodDto> Groups)
    {
        public string? BreakdownBy { get; init; }
        public IReadOnlyList<GroupDto>? Breakdown { get; init; }
        public ComparisonDto? Comparison { get; init; }
    }

    public sealed record PeriodDto(DateOnly Period, double? Score, int N, double? MarginOfError);

    public sealed record GroupDto(string Key, string Label, double? Score, int N, double? MarginOfError, bool SignificantVsRest,
        double? DifferenceVsRest, double? PValueVsRest)
    {
        /// <summary>The group's own trend, only when both groupBy and breakdown are asked for (absent otherwise, as before).</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public IReadOnlyList<PeriodDto>? Periods { get; init; }
    }

    public sealed record ComparisonDto(string With, DateTime From, DateTime To, double? Score, int N, double? MarginOfError,
        double? Difference, double? PValue, bool Significant);

    public static void MapMetricsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/metrics/{metric}", GetAsync).RequireAuthorization(Permission.ViewAnalytics.Name).WithTags("Metrics");

    private static async Task<Results<Ok<MetricDto>, FileContentHttpResult, ValidationProblem>> GetAsync(string metric, HttpRequest request,
        MetricsService metrics, GroupTrendService trends, CurrentWorkspace current, TouchpointDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var q = request.Query;
        if (!MetricQueryReader.TryMetric(metric, out var parsedMetric))
        {
            errors["metric"] = ["Use nps, csat or ces."];
        }

        var grouping = Choice<PeriodGrouping>(q, "groupBy", "Use day, week or month.", errors);
        var dimension = Choice<Dimension>(q, "breakdown",
            $"Use one of: {string.Join(", ", Enum.GetNames<Dimension>().Select(JsonName))}.", errors);
        var compare = q["compare"].ToString() switch
        {
            "" => (ComparisonPeriod?)null,
            var c when c.Equals("previous", StringComparison.OrdinalIgnoreCase) => ComparisonPeriod.Previous,
            var c when c.Equals("lastYear", StringComparison.OrdinalIgnoreCase) => ComparisonPeriod.LastYear,
            _ => Invalid(errors, "compare", "Use previous or lastYear."),
        };
        var format = q["format"].ToString();
        if (format is not ("" or "json" or "csv"))
        {
            errors["format"] = ["Use json (the default) or csv."];
        }

        var query = await MetricQueryReader.ReadAsync(q, parsedMetric, db, clock, errors, ct);
        if (query is null || errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        query = query with { GroupBy = grouping };
        var workspace = await current.GetAsync(ct);
        var minimum = workspace.MinimumAnswers;
        var report = await metrics.ComputeAsync(workspace, query, ct: ct);
        var o = report.Overall;
        var dto = new MetricDto(parsedMetric, o.Score, o.N, o.MarginOfError, minimum, o.Breakdown, query.From, query.To,
            report.Groups.Select(Period).ToList());
        if (dimension is { } by)
        {
            // With a period grouping each group carries its own trend; its overall score is the sum of its periods,
            // so the plain breakdown is not read a second time.
            var groups = grouping is { } periods
                ? await trends.ComputeAsync(workspace, query, by, periods, ct: ct)
                : (await metrics.BreakdownAsync(workspace, query, by, ct: ct)).Select(g => new MetricGroupTrend(g.Key, g.Label, g.Score, [])).ToList();
            dto = dto with
            {
                BreakdownBy = JsonName(by.ToString()),
                Breakdown = groups.Select(g =>
                {
                    var test = GroupComparison.VersusRest(o, g.Score, minimum);
                    return new GroupDto(g.Key, g.Label, g.Score.Score, g.Score.N, g.Score.MarginOfError, test.IsSignificant,
                        test.Difference, test.PValue)
                    {
                        Periods = grouping is null ? null : g.Periods.Select(Period).ToList(),
                    };
                }).ToList(),
            };
        }

        if (compare is { } period)
        {
            var change = await PeriodComparison.CompareAsync(metrics, workspace, query, o, period, ct);
            var b = change.Baseline;
            dto = dto with
            {
                Comparison = new ComparisonDto(period == ComparisonPeriod.Previous ? "previous" : "lastYear", change.From, change.To,
                    b.Score, b.N, b.MarginOfError, change.Change.Difference, change.Change.PValue, change.Change.IsSignificant),
            };
        }

        return format == "csv"
            ? TypedResults.File(Encoding.UTF8.GetBytes(MetricsCsv.Write(dto)), "text/csv; charset=utf-8", $"{metric.ToLowerInvariant()}.csv")
            : TypedResults.Ok(dto);
    }

    private static PeriodDto Period(MetricPeriod p) => new(p.Start, p.Score.Score, p.Score.N, p.Score.MarginOfError);

    private static T? Choice<T>(IQueryCollection q, string name, string help, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        var value = q[name].ToString();
        if (value.Length == 0)
        {
            return null;
        }

        if (Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _))
        {
            return parsed;
        }

        errors[name] = [help];
        return null;
    }

    private static ComparisonPeriod? Invalid(Dictionary<string, string[]> errors, string field, string help)
    {
        errors[field] = [help];
        return null;
    }

    /// <summary>touchPoint, not TouchPoint: how the API's JSON names things.</summary>
    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
