using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics.Outcomes;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;

namespace Touchpoint.Web.Analytics.Insights;

/// <summary>
/// The customers list's churn-risk filter (<c>?risk=high|medium|low</c>: 50-100, 25-49, 0-24) and sort
/// (<c>?sort=risk</c>: riskiest first, one page, customers not scored yet left out).
/// </summary>
internal static class ChurnRiskFilter
{
    public const int MediumRisk = 25;

    public static string? Band(string? risk) => risk?.ToLowerInvariant() switch
    {
        "high" => "high",
        "medium" => "medium",
        "low" => "low",
        _ => null,
    };

    public static async Task<List<Customer>> ApplyAsync(TouchpointDbContext db, IQueryable<Customer> customers, string? band, bool riskiestFirst,
        int take, CancellationToken ct)
    {
        var (low, high) = band switch
        {
            "high" => (ChurnRiskService.HighRisk, 100),
            "medium" => (MediumRisk, ChurnRiskService.HighRisk - 1),
            "low" => (0, MediumRisk - 1),
            _ => (0, 100),
        };
        var scored = from c in customers
                     join r in db.CustomerChurnRisks on c.Id equals r.CustomerId
                     where r.Score >= low && r.Score <= high
                     select new { c, r.Score };
        return riskiestFirst
            ? await scored.OrderByDescending(x => x.Score).ThenBy(x => x.c.Id).Select(x => x.c).Take(take).ToListAsync(ct)
            : await scored.OrderByDescending(x => x.c.CreatedAt).ThenByDescending(x => x.c.Id).Select(x => x.c).Take(take).ToListAsync(ct);
    }
}
