using Microsoft.AspNetCore.Mvc;
using Touchpoint.Core.Data;

namespace Touchpoint.Web.Analytics.Insights;

/// <summary>The customer page's churn-risk card: the stored score and its reasons (public: view components must be).</summary>
[ViewComponent(Name = "CustomerChurnRisk")]
public sealed class CustomerChurnRiskViewComponent(TouchpointDbContext db) : ViewComponent
{
    public sealed record Card(int Score, bool High, IReadOnlyList<(string Label, double Contribution)> Reasons, DateTime ComputedAt);

    public async Task<IViewComponentResult> InvokeAsync(Guid customerId)
    {
        var risk = await ChurnRiskDto.ForAsync(db, customerId, HttpContext.RequestAborted);
        return View(risk is null ? null : new Card(risk.Score, risk.High, risk.Reasons.Select(r => (r.Label, r.Contribution)).ToList(), risk.ComputedAt));
    }
}
