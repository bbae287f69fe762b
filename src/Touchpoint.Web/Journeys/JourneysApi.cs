using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Journeys.Editing;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Journeys;

/// <summary>
/// /api/v1/journeys: the reference model (journeys, ordered stages, touch points on channels), edited
/// whole: POST creates a journey with its stages and touch points, PUT replaces one (ids keep
/// identities), DELETE removes one (never the default journey, never one whose touch points have feedback).
/// </summary>
internal static class JourneysApi
{
    public sealed record JourneyDto(Guid Id, string Name, string? Description, bool IsDefault, IReadOnlyList<StageDto> Stages)
    {
        public static JourneyDto From(Journey j) => new(j.Id, j.Name, j.Description, j.IsDefault,
            j.Stages.OrderBy(s => s.Position).Select(s => new StageDto(s.Id, s.Name, s.Position,
                s.TouchPoints.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => new TouchPointDto(t.Id, t.Name, t.Channel)).ToList())).ToList());
    }

    public sealed record StageDto(Guid Id, string Name, int Position, IReadOnlyList<TouchPointDto> TouchPoints);

    public sealed record TouchPointDto(Guid Id, string Name, Channel Channel);

    /// <summary>The body of POST and PUT: stages in order, each with its touch points (name and channel).</summary>
    public sealed record JourneyRequest(string? Name, string? Description, List<StageDraft?>? Stages);

    public static void MapJourneysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/journeys").WithTags("Journeys");
        group.MapGet("", ListAsync).RequireAuthorization(Permission.Member.Name);
        group.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Permission.Member.Name);
        group.MapPost("", CreateAsync).RequireAuthorization(Permission.ManageJourneys.Name);
        group.MapPut("/{id:guid}", ReplaceAsync).RequireAuthorization(Permission.ManageJourneys.Name);
        group.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Permission.ManageJourneys.Name);
        app.MapJourneyAnalyticsApi();
    }

    private static async Task<IResult> ListAsync(TouchpointDbContext db, CancellationToken ct)
    {
        var journeys = await db.Journeys.AsNoTracking()
            .Include(j => j.Stages).ThenInclude(s => s.TouchPoints)
            .OrderByDescending(j => j.IsDefault).ThenBy(j => j.Name)
            .ToListAsync(ct);
        return TypedResults.Ok(new Page<JourneyDto>(journeys.Select(JourneyDto.From).ToList(), null));
    }

    private static async Task<IResult> GetAsync(Guid id, JourneyEditor editor, CancellationToken ct) =>
        await editor.FindAsync(id, ct) is { } journey ? TypedResults.Ok(JourneyDto.From(journey)) : Problems.NotFound("Journey");

    private static async Task<IResult> CreateAsync(JourneyRequest? body, JourneyEditor editor, HttpContext http, CancellationToken ct)
    {
        if (body is null)
        {
            return Problems.Invalid(new() { ["body"] = ["Send a JSON body with 'name' and 'stages' (each with 'name' and 'touchPoints')."] });
        }

        var result = await editor.CreateAsync(Draft(body), http.User.Actor(), ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/journeys/{result.Value!.Id}", JourneyDto.From(result.Value))
            : Problems.Invalid(result.Errors);
    }

    private static async Task<IResult> ReplaceAsync(Guid id, JourneyRequest? body, JourneyEditor editor, HttpContext http, CancellationToken ct)
    {
        if (body is null)
        {
            return Problems.Invalid(new() { ["body"] = ["Send the whole journey: 'name', 'description' and every stage in order."] });
        }

        var result = await editor.ReplaceAsync(id, Draft(body), http.User.Actor(), ct);
        return result switch
        {
            { NotFound: true } => Problems.NotFound("Journey"),
            { Succeeded: true } => TypedResults.Ok(JourneyDto.From(result.Value!)),
            _ => Problems.Invalid(result.Errors),
        };
    }

    private static async Task<IResult> DeleteAsync(Guid id, JourneyEditor editor, HttpContext http, CancellationToken ct)
    {
        var result = await editor.DeleteAsync(id, http.User.Actor(), ct);
        return result switch
        {
            { NotFound: true } => Problems.NotFound("Journey"),
            { Succeeded: true } => TypedResults.NoContent(),
            _ => TypedResults.Problem(new HttpValidationProblemDetails(result.Errors)
            {
                Status = StatusCodes.Status409Conflict,
                Title = "This journey cannot be deleted",
                Detail = result.Errors.Values.First()[0],
            }),
        };
    }

    private static JourneyDraft Draft(JourneyRequest body) => new(body.Name, body.Description, body.Stages!);
}
