using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases.Alerts;
using Touchpoint.Core.Data;
using Touchpoint.Web.Cases.Alerts;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Settings;

/// <summary>
/// Create or change one alert rule (<c>/settings/alert-rules/new</c> or <c>/settings/alert-rules/{id}</c>),
/// and preview how many of the last 30 days' items it would have matched, before saving.
/// </summary>
[Authorize(Policy = "cases.manage")]
internal sealed class AlertRuleModel(AlertRuleService rules, TouchpointDbContext db) : PageModel
{
    public sealed record Option(Guid Id, string Name);

    [BindProperty] public AlertRuleForm Form { get; set; } = new();
    [BindProperty] public Guid? Version { get; set; }

    public Guid? RuleId { get; private set; }
    public bool Complete { get; private set; } = true;
    public Dictionary<string, string[]> Errors { get; } = [];
    public AlertRuleService.Preview? Preview { get; private set; }
    public List<Option> Teams { get; private set; } = [];
    public List<Option> Segments { get; private set; } = [];
    public List<Option> Personas { get; private set; } = [];
    public List<Option> TouchPoints { get; private set; } = [];
    public List<Option> Surveys { get; private set; } = [];

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? messages[0] : null;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!await FindAsync(id, ct))
        {
            return NotFound();
        }

        if (RuleId is { } ruleId && await rules.FindAsync(ruleId, ct) is { } rule)
        {
            (Form, Complete) = AlertRuleForm.Of(rule);
            Version = rule.Version;
        }

        await LoadOptionsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string id, CancellationToken ct)
    {
        if (!await FindAsync(id, ct))
        {
            return NotFound();
        }

        if (await ValidateAsync(ct) is not { } input)
        {
            return await InvalidAsync(ct);
        }

        if (RuleId is { } ruleId)
        {
            var (change, _) = await rules.UpdateAsync(ruleId, input, Version, User.Actor(), ct);
            if (change == AlertRuleService.Change.Conflict)
            {
                Errors[""] = ["Someone changed this rule after you opened it. Open it again to see their change, then make yours."];
                Response.StatusCode = StatusCodes.Status409Conflict;
                await LoadOptionsAsync(ct);
                return Page();
            }

            if (change == AlertRuleService.Change.NotFound)
            {
                return NotFound();
            }
        }
        else
        {
            await rules.CreateAsync(input, User.Actor(), ct);
        }

        TempData["Flash"] = $"Saved {input.Name!.Trim()}.";
        return Redirect("/settings/alert-rules");
    }

    public async Task<IActionResult> OnPostPreviewAsync(string id, CancellationToken ct)
    {
        if (!await FindAsync(id, ct))
        {
            return NotFound();
        }

        if (await ValidateAsync(ct) is not { } input)
        {
            return await InvalidAsync(ct);
        }

        Preview = await rules.PreviewAsync(input.Trigger, input.Conditions, ct);
        await LoadOptionsAsync(ct);
        return Page();
    }

    private async Task<bool> FindAsync(string id, CancellationToken ct)
    {
        if (id == "new")
        {
            return true;
        }

        if (!Guid.TryParse(id, out var ruleId) || !await db.AlertRules.AnyAsync(r => r.Id == ruleId, ct))
        {
            return false;
        }

        RuleId = ruleId;
        return true;
    }

    /// <summary>The input when every field is right; otherwise null with <see cref="Errors"/> keyed by form field.</summary>
    private async Task<AlertRuleService.Input?> ValidateAsync(CancellationToken ct)
    {
        var conditions = Form.Conditions(Errors);
        var input = new AlertRuleService.Input(Form.Name, Form.Enabled, Form.Trigger, conditions.Select(c => c.Condition).ToList(),
            Form.Priority, Form.Assignment, Form.TeamId);
        foreach (var (key, messages) in await rules.ValidateAsync(input, ct))
        {
            Errors.TryAdd(FieldOf(key, conditions), messages);
        }

        return Errors.Count == 0 ? input : null;
    }

    /// <summary>"conditions[2].value" becomes the form field condition 2 came from.</summary>
    private static string FieldOf(string key, List<(AlertCondition Condition, string Field)> conditions)
    {
        if (key.StartsWith("conditions[", StringComparison.Ordinal)
            && int.TryParse(key.AsSpan(11, key.IndexOf(']', StringComparison.Ordinal) - 11), out var index) && index < conditions.Count)
        {
            return conditions[index].Field;
        }

        return key switch
        {
            "name" => nameof(AlertRuleForm.Name),
            "teamId" => nameof(AlertRuleForm.TeamId),
            "conditions" => "",
            _ => key,
        };
    }

    private async Task<IActionResult> InvalidAsync(CancellationToken ct)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadOptionsAsync(ct);
        return Page();
    }

    private async Task LoadOptionsAsync(CancellationToken ct)
    {
        Teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new Option(t.Id, t.Name)).ToListAsync(ct);
        Segments = await db.Segments.AsNoTracking().OrderBy(s => s.Name).Select(s => new Option(s.Id, s.Name)).ToListAsync(ct);
        Personas = await db.Personas.AsNoTracking().OrderBy(p => p.Name).Select(p => new Option(p.Id, p.Name)).ToListAsync(ct);
        TouchPoints = await db.TouchPoints.AsNoTracking().OrderBy(t => t.Name).Select(t => new Option(t.Id, t.Name)).ToListAsync(ct);
        Surveys = await db.Surveys.AsNoTracking().OrderBy(s => s.Name).Select(s => new Option(s.Id, s.Name)).ToListAsync(ct);
    }
}
