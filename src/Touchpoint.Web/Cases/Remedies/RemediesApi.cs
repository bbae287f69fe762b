using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases.Remedies;
using Touchpoint.Core.Cases.Work;
using Touchpoint.Core.Data;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Cases.Remedies;

/// <summary>
/// /api/v1/cases/{id}/remedies and /api/v1/remedies/{id}/approve|deny: giving a customer a remedy on a
/// case, within the caller's authority or through a manager's approval. The API enforces the same
/// authority as the pages: the person behind the key counts, not the key's scopes.
/// </summary>
internal static class RemediesApi
{
    public static void MapRemediesApi(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/v1/cases/{id}/remedies").WithTags("Remedies");
        cases.MapGet("", ListAsync).RequireAuthorization(Permission.HandleCases.Name);
        cases.MapPost("", GiveAsync).RequireAuthorization(Permission.HandleCases.Name);

        var remedies = app.MapGroup("/api/v1/remedies/{id:guid}").WithTags("Remedies");
        remedies.MapPost("/approve", (Guid id, DecisionRequest? body, HttpContext http, TouchpointDbContext db, RemedyDecisions decisions, CancellationToken ct) =>
            DecideAsync(id, approve: true, body, http, db, decisions, ct)).RequireAuthorization(Permission.ApproveRemedies.Name);
        remedies.MapPost("/deny", (Guid id, DecisionRequest? body, HttpContext http, TouchpointDbContext db, RemedyDecisions decisions, CancellationToken ct) =>
            DecideAsync(id, approve: false, body, http, db, decisions, ct)).RequireAuthorization(Permission.ApproveRemedies.Name);
    }

    /// <summary>The case's id or its number ("42"), as the cases API takes them.</summary>
    private static async Task<IResult> ListAsync(string id, TouchpointDbContext db, CaseWork work, CancellationToken ct)
    {
        if (await work.FindAsync(id, ct) is not { } found)
        {
            return Problems.NotFound("Case");
        }

        var items = await db.Compensations.AsNoTracking().Where(c => c.CaseId == found.Id).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(ct);
        return TypedResults.Ok(new Page<RemedyDto>(items.Select(RemedyDto.Of).ToList(), null));
    }

    private static async Task<IResult> GiveAsync(string id, RemedyRequest? body, HttpContext http, TouchpointDbContext db, RemedyDesk desk,
        CaseWork work, CancellationToken ct)
    {
        if (await work.FindAsync(id, ct) is not { } found)
        {
            return Problems.NotFound("Case");
        }

        if (await ActingMember.ResolveAsync(http.User, db, ct) is not { } actor)
        {
            return RemedyResults.Forbidden(ActingMember.NoPersonDetail);
        }

        if (!Permission.HandleCases.Roles.Contains(actor.Role))
        {
            return RemedyResults.Forbidden($"The key's owner is {actor.Role.ToString().ToLowerInvariant()}, a role that does not work cases.");
        }

        if (body is null)
        {
            return Problems.Invalid(new() { ["kind"] = ["Send a JSON body: { \"kind\": \"credit\", \"amount\": 40, \"currency\": \"EUR\" }."] });
        }

        var result = await desk.GiveAsync(found.Id, new RemedyDesk.Input(body.Kind, body.Amount, body.Currency, body.Note), actor,
            PublicUrls.Base(http), ct);
        return RemedyResults.ToHttp(result, dto => TypedResults.Created($"/api/v1/cases/{found.Id}/remedies/{dto.Id}", dto));
    }

    private static async Task<IResult> DecideAsync(Guid id, bool approve, DecisionRequest? body, HttpContext http, TouchpointDbContext db,
        RemedyDecisions decisions, CancellationToken ct)
    {
        if (await ActingMember.ResolveAsync(http.User, db, ct) is not { } actor)
        {
            return RemedyResults.Forbidden(ActingMember.NoPersonDetail);
        }

        var result = await decisions.DecideAsync(id, approve, body?.Note, actor, body?.Version, ct);
        return RemedyResults.ToHttp(result, dto => TypedResults.Ok(dto));
    }
}
