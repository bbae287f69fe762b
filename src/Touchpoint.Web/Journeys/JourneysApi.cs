using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Journeys;

/// <summary>GET /api/v1/journeys: the reference model (journeys, ordered stages, touch points on channels).</summary>
internal static class JourneysApi
{
    public sealed record JourneyDto(Guid Id, string Name, string? Description, bool IsDefault, IReadOnlyList<StageDto> Stages);

    public sealed record StageDto(Guid Id, string Name, int Position, IReadOnlyList<TouchPointDto> TouchPoints);

    public sealed record TouchPointDto(Guid Id, string Name, Channel Channel);

    public static void MapJourneysApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/journeys", ListAsync).RequireAuthorization(Permission.Member.Name).WithTags("Journeys");

    private static async Task<IResult> ListAsync(TouchpointDbContext db, CancellationToken ct)
    {
        var journeys = await db.Journeys.AsNoTracking()
            .Include(j => j.Stages).ThenInclude(s => s.TouchPoints)
            .OrderByDescending(j => j.IsDefault).ThenBy(j => j.Name)
            .ToListAsync(ct);
        var items = journeys.Select(j => new JourneyDto(j.Id, j.Name, j.Description, j.IsDefault,
            j.Stages.OrderBy(s => s.Position).Select(s => new StageDto(s.Id, s.Name, s.Position,
                s.TouchPoints.OrderBy(t => t.Name).Select(t => new TouchPointDto(t.Id, t.Name, t.Channel)).ToList())).ToList())).ToList();
        return TypedResults.Ok(new Page<JourneyDto>(items, null));
    }
}
