using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Cases.Sla;

/// <summary>/api/v1/sla-policies: the first-response and resolution targets per case priority.</summary>
internal static class SlaPoliciesApi
{
    public sealed record PoliciesBody(List<SlaPolicyInput?>? Policies);

    public sealed record PoliciesDto(IReadOnlyList<SlaPolicyInput> Policies);

    public static void MapSlaPoliciesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sla-policies").WithTags("Cases").RequireAuthorization(Permission.ManageCaseRules.Name);
        group.MapGet("", GetAsync);
        group.MapPut("", PutAsync);
    }

    private static async Task<Ok<PoliciesDto>> GetAsync(SlaPolicyStore store, CancellationToken ct) =>
        TypedResults.Ok(new PoliciesDto((await store.ListAsync(ct)).Select(SlaPolicyInput.From).ToList()));

    private static async Task<Results<Ok<PoliciesDto>, ValidationProblem>> PutAsync(PoliciesBody? body, SlaPolicyStore store, HttpContext http,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var policies = SlaPolicyInput.Check(body?.Policies, await store.MembersAsync(ct), errors);
        if (policies is null)
        {
            return Problems.Invalid(errors, "The SLA policies need fixing");
        }

        await store.ReplaceAsync(policies, http.User.Actor(), ct);
        return TypedResults.Ok(new PoliciesDto((await store.ListAsync(ct)).Select(SlaPolicyInput.From).ToList()));
    }
}
