using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Surveys.Definition;
using Touchpoint.Core.Surveys.Import;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Surveys;

/// <summary>/api/v1/surveys: list, create, read, edit and import surveys, and read their versions.</summary>
internal static class SurveysApi
{
    public static void MapSurveysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/surveys").WithTags("Surveys");
        group.MapGet("/", ListAsync).RequireAuthorization(Permission.ViewFeedback.Name);
        group.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Permission.ViewFeedback.Name);
        group.MapPost("/", CreateAsync).RequireAuthorization(Permission.ManageSurveys.Name);
        group.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Permission.ManageSurveys.Name);
        group.MapGet("/{id:guid}/versions", ListVersionsAsync).RequireAuthorization(Permission.ViewFeedback.Name);
        group.MapGet("/{id:guid}/versions/{number:int}", GetVersionAsync).RequireAuthorization(Permission.ViewFeedback.Name);
        group.MapPost("/import/surveyjs", ImportSurveyJsAsync).RequireAuthorization(Permission.ManageSurveys.Name);
    }

    private static async Task<Ok<Page<SurveyDto>>> ListAsync(TouchpointDbContext db, HttpContext http, CancellationToken ct)
    {
        var surveys = await db.Surveys.AsNoTracking().OrderByDescending(s => s.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(new Page<SurveyDto>(surveys.Select(s => SurveyDto.From(s, PublicUrls.Survey(http, s.LinkId))).ToList(), null));
    }

    private static async Task<Results<Ok<SurveyDetailDto>, ProblemHttpResult>> GetAsync(Guid id, TouchpointDbContext db, HttpContext http,
        CancellationToken ct)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        return survey is null ? Problems.NotFound("Survey") : TypedResults.Ok(Detail(survey, http));
    }

    private static async Task<Results<Created<SurveyDetailDto>, ValidationProblem>> CreateAsync(CreateSurveyRequest? body, SurveyService surveys,
        CurrentWorkspace workspace, HttpContext http, CancellationToken ct)
    {
        if (body is null)
        {
            return Problems.Invalid(new() { ["body"] = ["Send a JSON body with 'name' and either 'metric' or a full 'definition'."] });
        }

        var errors = new Dictionary<string, string[]>();
        SurveyDefinition? definition = null;
        if (body.Definition is { } json)
        {
            (definition, var definitionErrors) = DefinitionReader.ReadAndValidate(json.GetRawText());
            foreach (var (field, messages) in definitionErrors)
            {
                errors[field] = messages;
            }
        }
        else if (body.Metric is null)
        {
            errors["metric"] = ["Choose the metric: nps, csat or ces (or send a full 'definition')."];
        }

        var metric = definition?.Headline?.Metric ?? body.Metric ?? SurveyMetric.Nps;
        var input = new SurveyService.NewSurvey(body.Name ?? "", metric, body.Question, body.CommentPrompt, body.TouchPointId, definition);
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
        return TypedResults.Created($"/api/v1/surveys/{survey.Id}", Detail(survey, http));
    }

    private static async Task<Results<Ok<SurveyDetailDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(Guid id, UpdateSurveyRequest? body,
        TouchpointDbContext db, SurveyEditor editor, HttpContext http, CancellationToken ct)
    {
        if (body is null)
        {
            return Problems.Invalid(new() { ["body"] = ["Send a JSON body with 'name', the settings and (to change the questions) 'definition'."] });
        }

        var current = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (current is null)
        {
            return Problems.NotFound("Survey");
        }

        SurveyDefinition? definition = null;
        if (body.Definition is { } json)
        {
            (definition, var errors) = DefinitionReader.ReadAndValidate(json.GetRawText());
            if (errors.Count > 0)
            {
                return Problems.Invalid(errors, "The survey definition needs fixing");
            }
        }

        var changes = new SurveyEditor.SurveyChanges(body.Name ?? "", definition, body.Anonymous ?? current.Anonymous, body.QuarantineDays,
            body.ReminderAfterDays, body.Status ?? current.Status, body.TouchPointId);
        var outcome = await editor.SaveAsync(id, changes, http.User.Actor(), ct);
        if (outcome.Conflict)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The survey was saved by someone else at the same time",
                detail: outcome.Errors["definition"][0]);
        }

        if (outcome.Errors.Count > 0)
        {
            return Problems.Invalid(outcome.Errors);
        }

        return outcome.Survey is null ? Problems.NotFound("Survey") : TypedResults.Ok(Detail(outcome.Survey, http));
    }

    private static async Task<Results<Ok<List<SurveyVersionSummaryDto>>, ProblemHttpResult>> ListVersionsAsync(Guid id, TouchpointDbContext db,
        CancellationToken ct)
    {
        if (!await db.Surveys.AnyAsync(s => s.Id == id, ct))
        {
            return Problems.NotFound("Survey");
        }

        var versions = await db.SurveyVersions.AsNoTracking().Where(v => v.SurveyId == id).OrderByDescending(v => v.Number)
            .Select(v => new SurveyVersionSummaryDto(v.Number, v.CreatedAt, v.CreatedBy)).ToListAsync(ct);
        return TypedResults.Ok(versions);
    }

    private static async Task<Results<Ok<SurveyVersionDto>, ProblemHttpResult>> GetVersionAsync(Guid id, int number, TouchpointDbContext db,
        CancellationToken ct)
    {
        var version = await db.SurveyVersions.AsNoTracking().FirstOrDefaultAsync(v => v.SurveyId == id && v.Number == number, ct);
        return version is null
            ? Problems.NotFound("Survey version")
            : TypedResults.Ok(new SurveyVersionDto(version.Number, version.CreatedAt, version.CreatedBy, JsonNode.Parse(version.Definition)));
    }

    private static async Task<Results<Created<ImportedSurveyDto>, ValidationProblem>> ImportSurveyJsAsync(ImportSurveyJsRequest? body,
        SurveyService surveys, CurrentWorkspace workspace, HttpContext http, CancellationToken ct)
    {
        if (body?.Json is not { } json)
        {
            return Problems.Invalid(new() { ["json"] = ["Send {\"name\": \"...\", \"json\": <the SurveyJS survey JSON>}."] });
        }

        var imported = SurveyJsImporter.Import(JsonNode.Parse(json.GetRawText()));
        if (imported.Definition is null)
        {
            return Problems.Invalid(imported.Errors, "The SurveyJS survey cannot be imported");
        }

        var errors = DefinitionValidator.Validate(imported.Definition);
        var name = string.IsNullOrWhiteSpace(body.Name) ? imported.Title ?? "" : body.Name;
        var input = new SurveyService.NewSurvey(name, imported.Definition.Headline!.Metric!.Value, null, null, null, imported.Definition);
        foreach (var (field, messages) in await surveys.ValidateAsync(input, ct))
        {
            errors[field] = messages;
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors, "The imported survey needs fixing before it can be saved");
        }

        var company = (await workspace.GetAsync(ct)).Name;
        var survey = await surveys.CreateAsync(input, company, http.User.Actor(), ct);
        return TypedResults.Created($"/api/v1/surveys/{survey.Id}",
            new ImportedSurveyDto(Detail(survey, http), imported.Skipped, imported.Warnings));
    }

    private static SurveyDetailDto Detail(Survey survey, HttpContext http) => SurveyDetailDto.From(survey, PublicUrls.Survey(http, survey.LinkId));
}
