using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases.Remedies;
using Touchpoint.Core.Data;
using Touchpoint.Web.Conversations;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Cases.Remedies;

/// <summary>/api/v1/authority-limits: what each role and person may give without approval. PUT replaces the whole set.</summary>
internal static class AuthorityLimitsApi
{
    public static void MapAuthorityLimitsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/authority-limits").WithTags("Remedies");
        group.MapGet("", ListAsync).RequireAuthorization(Permission.ManageCaseRules.Name);
        group.MapPut("", ReplaceAsync).RequireAuthorization(Permission.ManageCaseRules.Name);
        group.MapGet("/mine", MineAsync).RequireAuthorization(Permission.HandleCases.Name);
    }

    /// <summary>What the person behind the call may give without approval, after their own limits replace their role's.</summary>
    internal sealed record MineDto(Guid UserId, string Role, IReadOnlyList<EffectiveDto> Items);

    internal sealed record EffectiveDto(string Kind, decimal? MaxAmount, bool Personal);

    private static async Task<IResult> MineAsync(HttpContext http, TouchpointDbContext db, Authority authority, CancellationToken ct)
    {
        if (await ActingMember.ResolveAsync(http.User, db, ct) is not { } actor)
        {
            return RemedyResults.Forbidden(ActingMember.NoPersonDetail);
        }

        var limits = await authority.OfAsync(actor.UserId, actor.Role, ct);
        return TypedResults.Ok(new MineDto(actor.UserId, JsonNames.Of(actor.Role),
            limits.Select(l => new EffectiveDto(l.Kind, l.MaxAmount, l.Personal)).ToList()));
    }

    /// <param name="MaxAmount">The most per case; null: allowed with no cap.</param>
    internal sealed record LimitDto(string? Role, Guid? UserId, string Kind, decimal? MaxAmount);

    internal sealed record LimitsBody(List<LimitDto?>? Limits);

    internal static async Task<List<LimitDto>> AllAsync(TouchpointDbContext db, CancellationToken ct) =>
        (await db.AuthorityLimits.AsNoTracking().ToListAsync(ct))
            .OrderBy(l => l.UserId is null ? 0 : 1).ThenBy(l => l.Role).ThenBy(l => l.UserId).ThenBy(l => l.Kind, StringComparer.Ordinal)
            .Select(l => new LimitDto(l.Role is { } r ? JsonNames.Of(r) : null, l.UserId, l.Kind, l.MaxAmount))
            .ToList();

    private static async Task<IResult> ListAsync(TouchpointDbContext db, CancellationToken ct) =>
        TypedResults.Ok(new Page<LimitDto>(await AllAsync(db, ct), null));

    private static async Task<IResult> ReplaceAsync(LimitsBody? body, HttpContext http, TouchpointDbContext db, AuthorityLimitEditor editor,
        CancellationToken ct)
    {
        if (body?.Limits is not { } limits)
        {
            return Problems.Invalid(new() { ["limits"] = ["Send { \"limits\": [ { \"role\": \"agent\", \"kind\": \"credit\", \"maxAmount\": 50 } ] }: the whole set, which replaces the current one."] });
        }

        var nulls = limits.Select((l, i) => (l, i)).Where(x => x.l is null).Select(x => x.i).ToList();
        if (nulls.Count > 0)
        {
            return Problems.Invalid(new() { [$"limits[{nulls[0]}]"] = ["Each limit is an object with a role or a userId, a kind and a maxAmount."] });
        }

        if (limits.Count > 1000)
        {
            return Problems.Invalid(new() { ["limits"] = ["Send at most 1000 limits."] });
        }

        var errors = await editor.ReplaceAsync(limits.Select(l => new AuthorityLimitEditor.Input(l!.Role, l.UserId, l.Kind, l.MaxAmount)).ToList(),
            http.User.Actor(), ct);
        return errors is not null ? Problems.Invalid(errors) : TypedResults.Ok(new Page<LimitDto>(await AllAsync(db, ct), null));
    }
}
