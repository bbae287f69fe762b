using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;
using Touchpoint.Web.Platform;
using Touchpoint.Web.Tracking;

namespace Touchpoint.Web.Surveys;

/// <summary>
/// The web intercept: <c>/surveys/intercept.js</c> (a static file) asks
/// <c>GET /surveys/intercept/config?writeKey=</c> which live surveys to show on a site and when;
/// <c>GET/PUT/DELETE /api/v1/surveys/{id}/intercept</c> set that per survey.
/// </summary>
internal static class SurveyInterceptApi
{
    public const string CorsPolicy = "intercept";

    public sealed record InterceptSurvey(Guid Id, string Url, IReadOnlyList<InterceptTrigger> Triggers, int SamplingPercent, int DelaySeconds);

    public sealed record InterceptConfig(IReadOnlyList<InterceptSurvey> Surveys);

    public static IServiceCollection AddSurveyIntercept(this IServiceCollection services) =>
        // Write keys sit in the company's own pages by design: any site may read which surveys to show.
        services.AddCors(o => o.AddPolicy(CorsPolicy, p => p.AllowAnyOrigin().AllowAnyHeader().WithMethods("GET")));

    public static void MapSurveyIntercept(this IEndpointRouteBuilder app)
    {
        app.MapGet("/surveys/intercept/config", ConfigAsync).RequireCors(CorsPolicy).WithMetadata(new PublicEndpointAttribute())
            .WithTags("Surveys");
        var group = app.MapGroup("/api/v1/surveys/{id:guid}/intercept").WithTags("Surveys");
        group.MapGet("/", GetAsync).RequireAuthorization(Permission.ViewFeedback.Name);
        group.MapPut("/", PutAsync).RequireAuthorization(Permission.ManageSurveys.Name);
        group.MapDelete("/", DeleteAsync).RequireAuthorization(Permission.ManageSurveys.Name);
    }

    private static async Task<Results<Ok<InterceptConfig>, ProblemHttpResult>> ConfigAsync(string? writeKey, HttpContext http,
        ApiKeyService keys, IServiceScopeFactory scopes, CancellationToken ct)
    {
        var key = await WriteKeys.FindAsync(keys, writeKey, ct);
        if (key is not { Kind: ApiKeyKind.Write })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unknown write key",
                detail: "Pass the tracking write key of your workspace as ?writeKey= (Settings > API keys).");
        }

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(key.WorkspaceId);
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        var surveys = await db.Surveys.AsNoTracking().Where(s => s.Status == SurveyStatus.Live && s.Intercept != null)
            .Select(s => new { s.Id, s.LinkId, s.Intercept }).ToListAsync(ct);
        var items = new List<InterceptSurvey>();
        foreach (var s in surveys)
        {
            if (InterceptSettings.FromJson(s.Intercept) is { Triggers.Count: > 0 } settings)
            {
                items.Add(new InterceptSurvey(s.Id, PublicUrls.Survey(http, s.LinkId) + "?embed=1&channel=web", settings.Triggers,
                    settings.SamplingPercent, settings.DelaySeconds));
            }
        }

        http.Response.Headers.CacheControl = "public, max-age=60";
        return TypedResults.Ok(new InterceptConfig(items));
    }

    private static async Task<Results<Ok<InterceptSettings>, NoContent, ProblemHttpResult>> GetAsync(Guid id, TouchpointDbContext db,
        CancellationToken ct)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null)
        {
            return Problems.NotFound("Survey");
        }

        return InterceptSettings.FromJson(survey.Intercept) is { } settings ? TypedResults.Ok(settings) : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<InterceptSettings>, ValidationProblem, ProblemHttpResult>> PutAsync(Guid id, HttpRequest request,
        TouchpointDbContext db, AuditLog audit, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var survey = await db.Surveys.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null)
        {
            return Problems.NotFound("Survey");
        }

        InterceptSettings? settings;
        try
        {
            settings = await JsonSerializer.DeserializeAsync<InterceptSettings>(request.Body, InterceptSettings.Json, ct);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            return Problems.Invalid(new() { [field] = ["This is not valid here: send {\"triggers\":[{\"type\":\"timeOnPage\",\"seconds\":5}],\"samplingPercent\":20,\"delaySeconds\":0}."] });
        }

        if (settings is null)
        {
            return Problems.Invalid(new() { ["body"] = ["Send the intercept settings as JSON; DELETE turns the intercept off."] });
        }

        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        survey.Intercept = settings.ToJson();
        survey.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(http.User.Actor(), "survey.intercept.set", survey.Name, survey.Intercept);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(settings);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, TouchpointDbContext db, AuditLog audit,
        HttpContext http, CancellationToken ct)
    {
        var survey = await db.Surveys.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null)
        {
            return Problems.NotFound("Survey");
        }

        survey.Intercept = null;
        audit.Record(http.User.Actor(), "survey.intercept.removed", survey.Name);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
