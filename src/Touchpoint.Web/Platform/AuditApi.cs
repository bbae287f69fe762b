using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;

namespace Touchpoint.Web.Platform;

/// <summary>GET /api/v1/audit: configuration changes, exports and erasures, newest first.</summary>
internal static class AuditApi
{
    public sealed record AuditEntryDto(long Id, DateTime At, string Actor, string Action, string Target, string? Details);

    public static void MapAuditApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/audit", ListAsync).RequireAuthorization(Permission.ManageWorkspace.Name).WithTags("Audit");

    private static async Task<Results<Ok<Page<AuditEntryDto>>, ValidationProblem>> ListAsync(
        TouchpointDbContext db, string? cursor, int? limit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var (after, take) = Cursor.Read(cursor, limit, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var query = db.AuditEntries.AsNoTracking();
        if (after is { } id)
        {
            query = query.Where(a => a.Id < id);
        }

        var rows = await query.OrderByDescending(a => a.Id).Take(take + 1)
            .Select(a => new AuditEntryDto(a.Id, a.At, a.Actor, a.Action, a.Target, a.Details)).ToListAsync(ct);
        var next = rows.Count > take ? Cursor.Encode(rows[take - 1].Id) : null;
        return TypedResults.Ok(new Page<AuditEntryDto>(rows.Take(take).ToList(), next));
    }
}
