using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases.Alerts;
using Touchpoint.Core.Data;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Settings;

/// <summary>Settings › Alert rules: every rule, what it watches, who gets its cases and how many it opened in 30 days.</summary>
[Authorize(Policy = "cases.manage")]
internal sealed class AlertRulesModel(AlertRuleService rules, TouchpointDbContext db) : PageModel
{
    public List<AlertRuleService.Listed> Rules { get; private set; } = [];
    public Dictionary<Guid, string> Teams { get; private set; } = [];

    [BindProperty] public Guid RuleId { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rules = await rules.ListAsync(ct);
        Teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
    }

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken ct) => await SetAsync(true, ct);

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct) => await SetAsync(false, ct);

    private async Task<IActionResult> SetAsync(bool enabled, CancellationToken ct)
    {
        var rule = await rules.SetEnabledAsync(RuleId, enabled, User.Actor(), ct);
        TempData["Flash"] = rule is null ? "That rule no longer exists." : $"{rule.Name} is {(enabled ? "on" : "off")}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        TempData["Flash"] = await rules.DeleteAsync(RuleId, User.Actor(), ct)
            ? "Rule deleted. The cases it opened stay open." : "That rule no longer exists.";
        return RedirectToPage();
    }
}
