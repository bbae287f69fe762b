using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Core.Analytics.Drivers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Surveys;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Analytics.Insights;

/// <summary>GET /api/v1/metrics/drivers?metric=nps|csat&amp;from=&amp;to=&amp;segment=&amp;touchpoint=&amp;channel=: what moves the metric.</summary>
internal static class DriversApi
{
    public sealed record DriverDto(string Key, DriverKind Kind, string Label, string Value, int Cases, double? Importance,
        double? ImportanceLow, double? ImportanceHigh, double? RawWeight, double? Performance, double? PerformanceMargin, string? Quadrant,
        string ResponsesUrl);

    public sealed record DriversDto(SurveyMetric Metric, DateTime From, DateTime To, int Responses, int MinimumResponses, int MinimumCases,
        string? Refusal, double? RSquared, double? OverallScore, int Resamples, IReadOnlyList<DriverDto> Drivers,
        IReadOnlyList<DriverDto> TooFewCases);

    public static void MapDriversApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/metrics/drivers", GetAsync).RequireAuthorization(Permission.ViewAnalytics.Name).WithTags("Metrics");

    private static async Task<Results<Ok<DriversDto>, ValidationProblem>> GetAsync(string? metric, DateTimeOffset? from, DateTimeOffset? to,
        Guid? segment, Guid? touchpoint, string? channel, DriverAnalysis drivers, TouchpointDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var query = await InsightsQuery.DriversAsync(metric, from, to, segment, touchpoint, channel, clock.GetUtcNow().UtcDateTime, db, errors, ct);
        if (query is null)
        {
            return Problems.Invalid(errors);
        }

        return TypedResults.Ok(ToDto(await drivers.AnalyseAsync(query, ct)));
    }

    public static DriversDto ToDto(DriverReport r)
    {
        DriverDto Dto(DriverResult d) => new(d.Key, d.Kind, d.Label, d.Value, d.Cases, d.Importance, d.ImportanceLow, d.ImportanceHigh,
            d.RawWeight, d.Performance, d.PerformanceMargin, d.Quadrant, DriverLinks.Responses(r, d));
        return new DriversDto(r.Metric, r.From, r.To, r.Responses, r.MinimumResponses, r.MinimumCases, r.Refusal, r.RSquared, r.OverallScore,
            r.Resamples, r.Drivers.Select(Dto).ToList(), r.TooFewCases.Select(Dto).ToList());
    }
}
