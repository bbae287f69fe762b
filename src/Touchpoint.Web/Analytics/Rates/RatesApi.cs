using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics.Rates;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Web.Analytics.Metrics;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Analytics.Rates;

/// <summary>
/// <c>GET /api/v1/metrics/response-rates</c> (per survey and channel, by invitation send time) and
/// <c>GET /api/v1/surveys/{id}/ratings</c> (the means of a survey's rating questions, with the metrics API's
/// filters). Periods are read in the workspace's time zone (<see cref="LocalPeriod"/>); <c>format=csv</c> gives the table.
/// </summary>
internal static class RatesApi
{
    public static void MapRatesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/metrics/response-rates", ResponseRatesAsync).RequireAuthorization(Permission.ViewAnalytics.Name).WithTags("Metrics");
        app.MapGet("/api/v1/surveys/{id:guid}/ratings", RatingsAsync).RequireAuthorization(Permission.ViewAnalytics.Name).WithTags("Metrics");
    }

    private static async Task<Results<Ok<ResponseRatesDto>, FileContentHttpResult, ValidationProblem>> ResponseRatesAsync(HttpRequest request,
        CurrentWorkspace current, TouchpointDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var q = request.Query;
        var errors = new Dictionary<string, string[]>();
        var workspace = await current.GetAsync(ct);
        var (from, to) = LocalPeriod.Read(q, workspace, clock, errors);
        var csv = Format(q, errors);
        Guid? surveyId = null;
        if (q["survey"].ToString() is { Length: > 0 } survey)
        {
            if (Guid.TryParse(survey, out var id) && await db.Surveys.AnyAsync(s => s.Id == id, ct))
            {
                surveyId = id;
            }
            else
            {
                errors["survey"] = ["No survey with this id exists in your workspace."];
            }
        }

        Channel? channel = null;
        if (q["channel"].ToString() is { Length: > 0 } c)
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

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var rows = await ResponseRates.ComputeAsync(db, from, to, surveyId, channel, workspace.MinimumAnswers, ct);
        var dto = new ResponseRatesDto(from, to, workspace.MinimumAnswers, rows.Select(ResponseRateDto.From).ToList());
        return csv
            ? TypedResults.File(Encoding.UTF8.GetBytes(RatesCsv.Write(dto)), "text/csv; charset=utf-8", "response-rates.csv")
            : TypedResults.Ok(dto);
    }

    private static async Task<Results<Ok<SurveyRatingsDto>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> RatingsAsync(Guid id,
        HttpRequest request, CurrentWorkspace current, TouchpointDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null)
        {
            return Problems.NotFound("Survey");
        }

        var q = request.Query;
        var errors = new Dictionary<string, string[]>();
        var workspace = await current.GetAsync(ct);
        var (from, to) = LocalPeriod.Read(q, workspace, clock, errors);
        var csv = Format(q, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        // The metrics' own filter reader: the same names, the same checks, and ids of other workspaces refused alike.
        var query = await MetricQueryReader.ReadAsync(LocalPeriod.WithInstants(q, from, to, "survey"), survey.Metric, db, clock, errors, ct);
        if (query is null || errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var summaries = await RatingMeans.ComputeAsync(db, survey, query, workspace.MinimumAnswers, ct);
        var dto = new SurveyRatingsDto(survey.Id, survey.Name, from, to, workspace.MinimumAnswers, summaries.Select(RatingDto.From).ToList());
        return csv
            ? TypedResults.File(Encoding.UTF8.GetBytes(RatesCsv.Write(dto)), "text/csv; charset=utf-8", "ratings.csv")
            : TypedResults.Ok(dto);
    }

    private static bool Format(IQueryCollection q, Dictionary<string, string[]> errors)
    {
        var format = q["format"].ToString();
        if (format is not ("" or "json" or "csv"))
        {
            errors["format"] = ["Use json (the default) or csv."];
        }

        return format == "csv";
    }
}
