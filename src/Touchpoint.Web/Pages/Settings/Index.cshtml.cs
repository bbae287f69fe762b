using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Settings;

/// <summary>The workspace's name, time zone and week start.</summary>
[Authorize(Policy = "workspace.manage")]
internal sealed class WorkspaceSettingsModel(TouchpointDbContext db, WorkspaceScope scope, AuditLog audit) : PageModel
{
    public List<string> Errors { get; } = [];

    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string TimeZone { get; set; } = "UTC";
    [BindProperty] public DayOfWeek WeekStart { get; set; }
    [BindProperty] public int? MinimumAnswers { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var workspace = await db.Workspaces.AsNoTracking().FirstAsync(w => w.Id == scope.WorkspaceId, ct);
        (Name, TimeZone, WeekStart) = (workspace.Name, workspace.TimeZone, workspace.WeekStart);
        MinimumAnswers = workspace.MinimumAnswers;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Errors.AddRange(WorkspaceRules.Check(Name, TimeZone));

        if (!ModelState.IsValid || !Enum.IsDefined(WeekStart))
        {
            Errors.Add("Choose the day weeks start on.");
        }

        if (Analytics.Metrics.MetricSettingsApi.Check(MinimumAnswers) is { } minimumError)
        {
            Errors.Add(minimumError);
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var workspace = await db.Workspaces.FirstAsync(w => w.Id == scope.WorkspaceId, ct);
        var before = $"{workspace.Name}, {workspace.TimeZone}, weeks from {workspace.WeekStart}";
        (workspace.Name, workspace.TimeZone, workspace.WeekStart) = (Name!.Trim(), TimeZone!, WeekStart);
        audit.Record(User.Actor(), "workspace.updated", $"workspace:{workspace.Id}",
            $"{before} -> {workspace.Name}, {workspace.TimeZone}, weeks from {workspace.WeekStart}");
        if (workspace.MinimumAnswers != MinimumAnswers)
        {
            audit.Record(User.Actor(), "workspace.updated", $"workspace:{workspace.Id}", $"minimum answers {workspace.MinimumAnswers} -> {MinimumAnswers}");
            workspace.MinimumAnswers = MinimumAnswers!.Value;
        }

        await db.SaveChangesAsync(ct);
        TempData["Flash"] = "Workspace settings saved.";
        return Redirect("/settings");
    }
}
