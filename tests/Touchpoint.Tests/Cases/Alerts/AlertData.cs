using System.Net;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Cases.Alerts;

/// <summary>Steps the alert tests share: a rule through the API, a customer, and waiting for the cases a rule opens.</summary>
internal static class AlertData
{
    public static readonly object[] Detractor = [new { kind = "score", metric = "nps", min = 0, max = 6 }];

    public static async Task<Guid> CreateRuleAsync(this HttpClient api, string name, string trigger, object[] conditions,
        string priority = "normal", string assignment = "unassigned", Guid? teamId = null) =>
        (await api.PostJsonAsync("/api/v1/alert-rules", new { name, trigger, conditions, priority, assignment, teamId }, HttpStatusCode.Created))
        .GetGuid("id");

    public static async Task<Guid> CreateCustomerAsync(this HttpClient api, string name) =>
        (await api.PostJsonAsync("/api/v1/customers", new { externalId = $"c-{Guid.NewGuid():N}", name, email = $"{Guid.NewGuid():N}@example.test" },
            HttpStatusCode.Created)).GetGuid("id");

    public static Task<List<Case>> CasesOfAsync(this TestWorkspace workspace, Guid rule) =>
        workspace.QueryAsync(db => db.Cases.AsNoTracking().Where(c => c.AlertRuleId == rule).OrderBy(c => c.Number).ToListAsync());

    /// <summary>Waits until the rule has opened <paramref name="count"/> cases; returns them, oldest first.</summary>
    public static async Task<List<Case>> WaitForCasesAsync(this TestWorkspace workspace, Guid rule, int count = 1)
    {
        List<Case> cases = [];
        await Eventually.HoldsAsync(async () => (cases = await workspace.CasesOfAsync(rule)).Count >= count, $"{count} case(s) of rule {rule}");
        return cases;
    }

    public static Task<List<CaseActivity>> HistoryAsync(this TestWorkspace workspace, Guid caseId) =>
        workspace.QueryAsync(db => db.CaseActivities.AsNoTracking().Where(a => a.CaseId == caseId).OrderBy(a => a.CreatedAt).ToListAsync());

    /// <summary>Waits until the rule has fired on <paramref name="count"/> items (opened or added to a case).</summary>
    public static Task WaitForFiringsAsync(this TestWorkspace workspace, Guid rule, int count) =>
        Eventually.HoldsAsync(async () => await workspace.QueryAsync(db => db.AlertFirings.CountAsync(f => f.AlertRuleId == rule)) >= count,
            $"{count} firing(s) of rule {rule}");
}
