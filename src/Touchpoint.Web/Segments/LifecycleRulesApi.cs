using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Segments;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Segments;

/// <summary>/api/v1/lifecycle-rules: one rule per stage; a customer's stage is the furthest whose rule they meet.</summary>
internal static class LifecycleRulesApi
{
    public static void MapLifecycleRulesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/lifecycle-rules").WithTags("Lifecycle rules");
        group.MapGet("/", ListAsync).RequireAuthorization(Permission.ViewFeedback.Name);
        group.MapPut("/{stage}", PutAsync).RequireAuthorization(Permission.ManageSegments.Name);
        group.MapDelete("/{stage}", DeleteAsync).RequireAuthorization(Permission.ManageSegments.Name);
    }

    private static async Task<Ok<Page<LifecycleRuleDto>>> ListAsync(TouchpointDbContext db, CancellationToken ct)
    {
        var rules = (await db.LifecycleRules.AsNoTracking().ToListAsync(ct)).OrderBy(r => r.Stage);
        return TypedResults.Ok(new Page<LifecycleRuleDto>(rules.Select(LifecycleRuleDto.From).ToList(), null));
    }

    private static async Task<Results<Ok<LifecycleRuleDto>, ValidationProblem>> PutAsync(string stage, RuleRequest? body,
        LifecycleRuleService rules, CancellationToken ct)
    {
        if (!LifecycleStages.TryParse(stage, out var parsed))
        {
            return Problems.Invalid(new() { ["stage"] = [$"Use one of: {string.Join(", ", LifecycleStages.Names)}."] });
        }

        var (rule, errors) = await rules.SaveAsync(parsed, body?.Rule, ct);
        return errors.Count > 0 ? Problems.Invalid(errors) : TypedResults.Ok(LifecycleRuleDto.From(rule!));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string stage, LifecycleRuleService rules, CancellationToken ct) =>
        LifecycleStages.TryParse(stage, out var parsed) && await rules.DeleteAsync(parsed, ct)
            ? TypedResults.NoContent()
            : Problems.NotFound("Lifecycle rule");
}
