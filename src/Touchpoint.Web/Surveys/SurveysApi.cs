using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Surveys;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Surveys;

/// <summary>/api/v1/surveys: list, create and read surveys.</summary>
internal static class SurveysApi
{
    public static void MapSurveysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/surveys").WithTags("Surveys");
        group.MapGet("/", ListAsync).RequireAuthorization(Permission.ViewFeedback.Name);
        group.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Permission.ViewFeedback.Name);
        group.MapPost("/", CreateAsync).RequireAuthorization(Permission.ManageSurveys.Name);
    }

    private static async Task<Ok<Page<SurveyDto>>> ListAsync(TouchpointDbContext db, HttpContext http, CancellationToken ct)
    {
        var surveys = await db.Surveys.AsNoTracking().OrderByDescending(s => s.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(new Page<SurveyDto>(surveys.Select(s => SurveyDto.From(s, PublicUrls.Survey(http, s.LinkId))).ToList(), null));
    }

    private static async Task<Results<Ok<SurveyDto>, ProblemHttpResult>> GetAsync(Guid id, TouchpointDbContext db, HttpContext http,
        CancellationToken ct)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        return survey is null ? Problems.NotFound("Survey") : TypedResults.Ok(SurveyDto.From(survey, PublicUrls.Survey(http, survey.LinkId)));
    }

    private static async Task<Results<Created<SurveyDto>, ValidationProblem>> CreateAsync(CreateSurveyRequest? body, SurveyService surveys,
        CurrentWorkspace workspace, HttpContext http, CancellationToken ct)
    {
        if (body is null)
        {
            return Problems.Invalid(new() { ["body"] = ["Send a JSON body with at least 'name' and 'metric'."] });
        }

        var errors = new Dictionary<string, string[]>();
        if (body.Metric is null)
        {
            errors["metric"] = ["Choose the metric: nps, csat or ces."];
        }

        var input = new SurveyService.NewSurvey(body.Name ?? "", body.Metric ?? SurveyMetric.Nps, body.Question, body.CommentPrompt, body.TouchPointId);
        foreach (var (field, messages) in await surveys.ValidateAsync(input, ct))
        {
            errors[field] = messages;
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var company = (await workspace.GetAsync(ct)).Name;
        var survey = await surveys.CreateAsync(input, company, http.User.Actor(), ct);
        return TypedResults.Created($"/api/v1/surveys/{survey.Id}", SurveyDto.From(survey, PublicUrls.Survey(http, survey.LinkId)));
    }
}
