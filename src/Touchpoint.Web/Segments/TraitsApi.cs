using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Segments;

/// <summary>/api/v1/traits: the trait catalogue (labels, categories, types, reporting traits).</summary>
internal static class TraitsApi
{
    public static void MapTraitsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/traits").WithTags("Traits");
        group.MapGet("/", ListAsync).RequireAuthorization(Permission.ViewFeedback.Name);
        group.MapPost("/", CreateAsync).RequireAuthorization(Permission.ManageSegments.Name);
        group.MapPut("/{key}", UpdateAsync).RequireAuthorization(Permission.ManageSegments.Name);
        group.MapDelete("/{key}", DeleteAsync).RequireAuthorization(Permission.ManageSegments.Name);
    }

    private static async Task<Ok<Page<TraitDto>>> ListAsync(TouchpointDbContext db, CancellationToken ct)
    {
        var traits = await db.TraitDefinitions.AsNoTracking().OrderBy(t => t.Key).ToListAsync(ct);
        return TypedResults.Ok(new Page<TraitDto>(traits.Select(TraitDto.From).ToList(), null));
    }

    private static async Task<Results<Created<TraitDto>, ValidationProblem>> CreateAsync(TraitRequest? body, TraitCatalogue catalogue,
        CancellationToken ct)
    {
        var (trait, errors) = await catalogue.SaveAsync(null, Input(body), ct);
        return errors.Count > 0 ? Problems.Invalid(errors) : TypedResults.Created($"/api/v1/traits/{trait!.Key}", TraitDto.From(trait));
    }

    private static async Task<Results<Ok<TraitDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(string key, TraitRequest? body,
        TraitCatalogue catalogue, CancellationToken ct)
    {
        var (trait, errors) = await catalogue.SaveAsync(key, Input(body), ct);
        if (trait is null)
        {
            return Problems.NotFound("Trait");
        }

        return errors.Count > 0 ? Problems.Invalid(errors) : TypedResults.Ok(TraitDto.From(trait));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string key, TraitCatalogue catalogue, CancellationToken ct) =>
        await catalogue.DeleteAsync(key, ct) ? TypedResults.NoContent() : Problems.NotFound("Trait");

    private static TraitCatalogue.Input Input(TraitRequest? body) =>
        new(body?.Key, body?.Label, body?.Category, body?.Type, body?.Description, body?.IsReportingTrait);
}
