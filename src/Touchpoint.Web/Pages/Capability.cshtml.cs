using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Touchpoint.Web.Pages;

/// <summary>
/// An honest empty state for each capability that is not built yet: what it will do, and what a
/// user can already do instead. Each is replaced by the real pages as the capability lands.
/// </summary>
[Authorize(Policy = "member")]
internal sealed class CapabilityModel : PageModel
{
    public sealed record Description(string Title, string Promise, string Now);

    private static readonly Dictionary<string, Description> Capabilities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["automations"] = new("Automations", "Triggers, conditions, delays and actions (email, survey, case, tag, webhook) with quiet hours, frequency caps and A/B variants.",
            "Share survey links by hand or submit answers through the REST API."),
        ["employees"] = new("Employees", "Pulse surveys (eNPS, mood) with anonymity thresholds, an idea board, agent scorecards and training needs.",
            "Invite colleagues under Settings > Members."),
        ["strategy"] = new("Strategy", "A CX vision as guiding principles, goals with targets tracked against live metrics, and a versioned rule book of policies.",
            "Track NPS, CSAT and CES on the dashboard."),
    };

    public Description Info { get; private set; } = null!;

    public IActionResult OnGet(string slug)
    {
        if (!Capabilities.TryGetValue(slug, out var info))
        {
            return NotFound();
        }

        Info = info;
        return Page();
    }
}
