using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Segments;
using Touchpoint.Web.Pages.Segments;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Settings;

/// <summary>One rule per lifecycle stage; a customer's stage is the furthest whose rule they meet (unless set by hand).</summary>
[Authorize(Policy = "feedback.view")]
internal sealed class LifecycleModel(TouchpointDbContext db, LifecycleRuleService rules) : PageModel
{
    public sealed record Row(LifecycleStage Stage, bool HasRule, int Customers);

    public List<Row> Rows { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public RuleBuilderView? Builder { get; private set; }
    public bool CanManage => User.Has(Permission.ManageSegments);

    [BindProperty(SupportsGet = true)] public string? Stage { get; set; }
    [BindProperty] public string? Rule { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (LifecycleStages.TryParse(Stage, out var stage))
        {
            var rule = await db.LifecycleRules.AsNoTracking().FirstOrDefaultAsync(r => r.Stage == stage, ct);
            Rule = RuleBuilderView.Pretty(rule?.Rule);
        }

        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        if (!LifecycleStages.TryParse(Stage, out var stage))
        {
            return BadRequest();
        }

        var json = RuleBuilderView.Parse(Rule, Errors);
        if (Errors.Count == 0)
        {
            (_, Errors) = await rules.SaveAsync(stage, json, ct);
            if (Errors.Count == 0)
            {
                TempData["Flash"] = $"Rule for {LifecycleStages.Name(stage)} saved; stages were recomputed.";
                return Redirect("/settings/lifecycle");
            }
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        if (LifecycleStages.TryParse(Stage, out var stage))
        {
            await rules.DeleteAsync(stage, ct);
        }

        return Redirect("/settings/lifecycle");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var withRules = (await db.LifecycleRules.AsNoTracking().Select(r => r.Stage).ToListAsync(ct)).ToHashSet();
        var counts = (await db.Customers.Where(c => c.LifecycleStage != null).GroupBy(c => c.LifecycleStage)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).ToDictionary(g => g.Key!.Value, g => g.Count);
        Rows = Enum.GetValues<LifecycleStage>().Select(s => new Row(s, withRules.Contains(s), counts.GetValueOrDefault(s))).ToList();
        if (LifecycleStages.TryParse(Stage, out _))
        {
            Builder = await RuleBuilderView.CreateAsync(db, nameof(Rule), Rule, null, ct);
        }
    }
}
