using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Surveys;

/// <summary>The web intercept of one survey: when it shows on the company's site, and the script tag to paste.</summary>
[Authorize(Policy = "surveys.manage")]
internal sealed class SurveyInterceptModel(TouchpointDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    public Survey Survey { get; private set; } = null!;
    public List<string> Errors { get; } = [];
    public string ScriptTag { get; private set; } = "";
    public bool Enabled { get; private set; }

    [BindProperty] public string? PagePath { get; set; }
    [BindProperty] public string? EventName { get; set; }
    [BindProperty] public int? TimeOnPageSeconds { get; set; }
    [BindProperty] public bool ExitIntent { get; set; }
    [BindProperty] public int SamplingPercent { get; set; } = 100;
    [BindProperty] public int DelaySeconds { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (InterceptSettings.FromJson(Survey.Intercept) is { } settings)
        {
            Enabled = true;
            PagePath = settings.Triggers.FirstOrDefault(t => t.Type == "page")?.PathPrefix;
            EventName = settings.Triggers.FirstOrDefault(t => t.Type == "event")?.Name;
            TimeOnPageSeconds = settings.Triggers.FirstOrDefault(t => t.Type == "timeOnPage")?.Seconds;
            ExitIntent = settings.Triggers.Any(t => t.Type == "exitIntent");
            (SamplingPercent, DelaySeconds) = (settings.SamplingPercent, settings.DelaySeconds);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var triggers = new List<InterceptTrigger>();
        if (!string.IsNullOrWhiteSpace(PagePath))
        {
            triggers.Add(new InterceptTrigger { Type = "page", PathPrefix = PagePath.Trim() });
        }

        if (!string.IsNullOrWhiteSpace(EventName))
        {
            triggers.Add(new InterceptTrigger { Type = "event", Name = EventName.Trim() });
        }

        if (TimeOnPageSeconds is not null)
        {
            triggers.Add(new InterceptTrigger { Type = "timeOnPage", Seconds = TimeOnPageSeconds });
        }

        if (ExitIntent)
        {
            triggers.Add(new InterceptTrigger { Type = "exitIntent" });
        }

        var settings = new InterceptSettings { Triggers = triggers, SamplingPercent = SamplingPercent, DelaySeconds = DelaySeconds };
        Errors.AddRange(ModelState.IsValid ? settings.Validate().Values.SelectMany(m => m) : ["Use whole numbers for seconds and percentages."]);
        if (Errors.Count > 0)
        {
            return Page();
        }

        var survey = await db.Surveys.FirstAsync(s => s.Id == id, ct);
        survey.Intercept = settings.ToJson();
        survey.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(User.Actor(), "survey.intercept.set", survey.Name, survey.Intercept);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = "Saved. Sites with the script tag pick it up within a minute.";
        return Redirect($"/surveys/{id}/intercept");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken ct)
    {
        var survey = await db.Surveys.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null)
        {
            return NotFound();
        }

        survey.Intercept = null;
        audit.Record(User.Actor(), "survey.intercept.removed", survey.Name);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = "The survey no longer shows on your sites.";
        return Redirect($"/surveys/{id}/intercept");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null)
        {
            return false;
        }

        Survey = survey;
        ScriptTag = $"<script src=\"{PublicUrls.Base(HttpContext)}/surveys/intercept.js\" data-write-key=\"YOUR_WRITE_KEY\" async></script>";
        Enabled = survey.Intercept is not null;
        return true;
    }
}
