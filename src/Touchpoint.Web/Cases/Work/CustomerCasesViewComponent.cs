using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Data;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Cases.Work;

/// <summary>The customer page's list of the customer's open cases, with "Open a case" for those who may (public: view components must be).</summary>
[ViewComponent(Name = "CustomerCases")]
public sealed class CustomerCasesViewComponent(TouchpointDbContext db) : ViewComponent
{
    public sealed record Listing(Guid CustomerId, IReadOnlyList<Case> Open, bool CanOpen);

    public async Task<IViewComponentResult> InvokeAsync(Guid customerId)
    {
        var open = await db.Cases.AsNoTracking()
            .Where(c => c.CustomerId == customerId && c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed)
            .OrderByDescending(c => c.Number).Take(20).ToListAsync();
        return View(new Listing(customerId, open, UserClaimsPrincipal.Has(Permission.HandleCases)));
    }
}
