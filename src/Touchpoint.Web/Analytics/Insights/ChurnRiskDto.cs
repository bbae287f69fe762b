using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics.Outcomes;
using Touchpoint.Core.Data;

namespace Touchpoint.Web.Analytics.Insights;

/// <summary>A customer's churn-risk score as the API and the profile show it.</summary>
internal sealed record ChurnRiskDto(int Score, bool High, IReadOnlyList<ChurnReason> Reasons, DateTime ComputedAt)
{
    /// <summary>The stored score, or null when the churn sweep has not scored this customer (no activity yet).</summary>
    public static async Task<ChurnRiskDto?> ForAsync(TouchpointDbContext db, Guid customerId, CancellationToken ct)
    {
        var risk = await db.CustomerChurnRisks.AsNoTracking().FirstOrDefaultAsync(r => r.CustomerId == customerId, ct);
        return risk is null ? null
            : new ChurnRiskDto(risk.Score, risk.Score >= ChurnRiskService.HighRisk, ChurnRiskService.ReadReasons(risk.Reasons), risk.ComputedAt);
    }
}
