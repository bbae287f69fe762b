using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Segments;

/// <summary>/api/v1/personas: customer types by rule; the first by priority that a customer meets is theirs.</summary>
internal static class PersonasApi
{
    public static void MapPersonasApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/personas").WithTags("Personas");
        group.MapGet("/", ListAsync).RequireAuthorization(Permission.ViewFeedback.Name);
        group.MapPost("/", CreateAsync).RequireAuthorization(Permission.ManageSegments.Name);
        group.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Permission.ManageSegments.Name);
        group.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Permission.ManageSegments.Name);
    }

    private static async Task<Ok<Page<PersonaDto>>> ListAsync(TouchpointDbContext db, CancellationToken ct)
    {
        var personas = await db.Personas.AsNoTracking().OrderBy(p => p.Priority).ThenBy(p => p.Name).ToListAsync(ct);
        var counts = await db.Customers.Where(c => c.PersonaId != null).GroupBy(c => c.PersonaId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!.Value, g => g.Count, ct);
        return TypedResults.Ok(new Page<PersonaDto>(personas.Select(p => PersonaDto.From(p, counts.GetValueOrDefault(p.Id))).ToList(), null));
    }

    private static async Task<Results<Created<PersonaDto>, ValidationProblem>> CreateAsync(PersonaRequest? body, PersonaService personas,
        TouchpointDbContext db, CancellationToken ct)
    {
        var (persona, errors) = await personas.SaveAsync(null, Input(body), ct);
        return errors.Count > 0
            ? Problems.Invalid(errors)
            : TypedResults.Created($"/api/v1/personas/{persona!.Id}", PersonaDto.From(persona, await CountAsync(db, persona.Id, ct)));
    }

    private static async Task<Results<Ok<PersonaDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(Guid id, PersonaRequest? body,
        PersonaService personas, TouchpointDbContext db, CancellationToken ct)
    {
        var (persona, errors) = await personas.SaveAsync(id, Input(body), ct);
        if (persona is null)
        {
            return Problems.NotFound("Persona");
        }

        return errors.Count > 0 ? Problems.Invalid(errors) : TypedResults.Ok(PersonaDto.From(persona, await CountAsync(db, persona.Id, ct)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, PersonaService personas, CancellationToken ct) =>
        await personas.DeleteAsync(id, ct) ? TypedResults.NoContent() : Problems.NotFound("Persona");

    private static PersonaService.Input Input(PersonaRequest? body) => new(body?.Name, body?.Description, body?.Priority, body?.Rule);

    private static Task<int> CountAsync(TouchpointDbContext db, Guid persona, CancellationToken ct) =>
        db.Customers.CountAsync(c => c.PersonaId == persona, ct);
}
