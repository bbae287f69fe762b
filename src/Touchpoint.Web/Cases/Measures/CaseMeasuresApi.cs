using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Core.Cases.Measures;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Cases.Measures;

/// <summary>GET /api/v1/cases/measures?from=&amp;to=&amp;groupBy=owner|team|rootCause|touchPoint|priority.</summary>
internal static class CaseMeasuresApi
{
    public static void MapCaseMeasuresApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/cases/measures", GetAsync).RequireAuthorization(Permission.Member.Name).WithTags("Cases");

    /// <summary>Analysts (who read analytics) and the managers who set case rules may both read them.</summary>
    public static bool MayRead(HttpContext http) => http.User.Has(Permission.ViewAnalytics) || http.User.Has(Permission.ManageCaseRules);

    private static async Task<Results<Ok<CaseMeasures.Report>, ValidationProblem, ProblemHttpResult>> GetAsync(DateTimeOffset? from,
        DateTimeOffset? to, string? groupBy, CaseMeasures measures, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (!MayRead(http))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "You may not read case measures",
                detail: "Case measures need a role that views analytics or manages case rules (owner, admin, analyst, manager).");
        }

        var errors = new Dictionary<string, string[]>();
        if (MeasuresQuery.Read(from, to, groupBy, clock.GetUtcNow().UtcDateTime, errors) is not { } query)
        {
            return Problems.Invalid(errors);
        }

        return TypedResults.Ok(await measures.MeasureAsync(query.From, query.To, query.GroupBy, ct));
    }
}
