using Touchpoint.Core.Tracking;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Tracking;

/// <summary>/api/v1/tracking/mappings: the rules that tie incoming events to touch points.</summary>
internal static class TouchPointMappingsApi
{
    public sealed record MappingDto(Guid Id, Guid TouchPointId, string? Source, string? EventType, string? EventName, string? PathPrefix,
        int Priority, DateTime CreatedAt)
    {
        public static MappingDto From(TouchPointMapping m) => new(m.Id, m.TouchPointId, Camel(m.Source?.ToString()),
            Camel(m.EventType?.ToString()), m.EventName, m.PathPrefix, m.Priority, m.CreatedAt);

        private static string? Camel(string? name) => name is null ? null : char.ToLowerInvariant(name[0]) + name[1..];
    }

    public sealed record CreateMappingRequest(Guid? TouchPointId, string? Source, string? EventType, string? EventName, string? PathPrefix,
        int? Priority);

    public static void MapTouchPointMappingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/tracking/mappings").WithTags("Tracking");
        group.MapGet("", ListAsync).RequireAuthorization(Permission.Member.Name);
        group.MapPost("", CreateAsync).RequireAuthorization(Permission.ManageWorkspace.Name);
        group.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Permission.ManageWorkspace.Name);
    }

    /// <summary>Every rule, in the order they are tried (a workspace has at most 500, so one page holds them all).</summary>
    private static async Task<IResult> ListAsync(TouchPointMappingService mappings, CancellationToken ct) =>
        TypedResults.Ok(new Page<MappingDto>((await mappings.ListAsync(ct)).Select(MappingDto.From).ToList(), null));

    private static async Task<IResult> CreateAsync(CreateMappingRequest? body, TouchPointMappingService mappings, HttpContext http,
        CancellationToken ct)
    {
        if (body is null)
        {
            return Problems.Invalid(new() { ["body"] = ["Send a JSON body with at least 'touchPointId'."] });
        }

        var result = await mappings.CreateAsync(new TouchPointMappingService.Draft(body.TouchPointId, body.Source, body.EventType,
            body.EventName, body.PathPrefix, body.Priority), http.User.Actor(), ct);
        return result.Mapping is { } mapping
            ? TypedResults.Created($"/api/v1/tracking/mappings/{mapping.Id}", MappingDto.From(mapping))
            : Problems.Invalid(result.Errors);
    }

    private static async Task<IResult> DeleteAsync(Guid id, TouchPointMappingService mappings, HttpContext http, CancellationToken ct) =>
        await mappings.DeleteAsync(id, http.User.Actor(), ct) ? TypedResults.NoContent() : Problems.NotFound("Mapping");
}
