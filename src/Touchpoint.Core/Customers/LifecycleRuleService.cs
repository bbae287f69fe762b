using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Segments;

namespace Touchpoint.Core.Customers;

/// <summary>One rule per lifecycle stage. Any change recomputes every customer's stage (manual stages stay).</summary>
public sealed class LifecycleRuleService(TouchpointDbContext db, SegmentRuleValidator validator, SegmentEvaluator evaluator, TimeProvider clock)
{
    public async Task<(LifecycleRule? Rule, Dictionary<string, string[]> Errors)> SaveAsync(LifecycleStage stage, JsonElement? json,
        CancellationToken ct = default)
    {
        var result = await validator.CheckAsync(json, "rule", ct: ct);
        if (!result.IsValid)
        {
            return (null, result.Errors);
        }

        var rule = await db.LifecycleRules.FirstOrDefaultAsync(r => r.Stage == stage, ct);
        if (rule is null)
        {
            rule = new LifecycleRule { Stage = stage, Rule = "", CreatedAt = clock.GetUtcNow().UtcDateTime };
            db.LifecycleRules.Add(rule);
        }

        rule.Rule = result.Rule!.ToJson();
        await db.SaveChangesAsync(ct);
        await evaluator.RefreshLifecycleAsync(null, ct);
        return (rule, result.Errors);
    }

    public async Task<bool> DeleteAsync(LifecycleStage stage, CancellationToken ct = default)
    {
        var deleted = await db.LifecycleRules.Where(r => r.Stage == stage).ExecuteDeleteAsync(ct) > 0;
        if (deleted)
        {
            await evaluator.RefreshLifecycleAsync(null, ct);
        }

        return deleted;
    }
}
