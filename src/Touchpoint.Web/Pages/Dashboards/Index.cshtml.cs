using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics.Dashboards;
using Touchpoint.Core.Analytics.Dashboards.Digests;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Web.Analytics.Dashboards;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Dashboards;

/// <summary>The dashboards a member can open (their own and the shared ones), and a form to make a new one from their role's default.</summary>
[Authorize(Policy = "analytics.view")]
internal sealed class DashboardsIndexModel(DashboardStore store, TouchpointDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    public DigestSubscription? Digest { get; private set; }
    public string TimeZone { get; private set; } = "";
    public DayOfWeek WeekStart { get; private set; }

    public List<Dashboard> Dashboards { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; } = [];
    public bool MayShare => User.Role() is WorkspaceRole.Owner or WorkspaceRole.Admin;
    public bool MayCreate => User.Has(Permission.ManageDashboards);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Dashboards = await store.VisibleAsync(User.UserId(), ct);
        var userId = User.UserId();
        Digest = await db.DigestSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == userId, ct);
        var workspace = await db.Workspaces.AsNoTracking().FirstAsync(w => w.Id == User.WorkspaceId(), ct);
        (TimeZone, WeekStart) = (workspace.TimeZone, workspace.WeekStart);
    }

    /// <summary>Subscribes to (or, with "off", stops) the email digest: daily or weekly, at a local hour of the workspace.</summary>
    public async Task<IActionResult> OnPostDigestAsync(string? frequency, int hour, CancellationToken ct)
    {
        if (User.UserId() is not { } userId)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var existing = await db.DigestSubscriptions.FirstOrDefaultAsync(s => s.UserId == userId, ct);
        if (frequency == "off")
        {
            if (existing is not null)
            {
                db.DigestSubscriptions.Remove(existing);
            }
        }
        else if (!Enum.TryParse<DigestFrequency>(frequency, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(frequency, out _))
        {
            Errors["frequency"] = ["Choose daily, weekly or off."];
        }
        else if (hour is < 0 or > 23)
        {
            Errors["hour"] = ["Give an hour from 0 to 23."];
        }
        else if (existing is null)
        {
            db.DigestSubscriptions.Add(new DigestSubscription { UserId = userId, Frequency = parsed, LocalHour = hour, CreatedAt = clock.GetUtcNow().UtcDateTime });
        }
        else
        {
            (existing.Frequency, existing.LocalHour) = (parsed, hour);
        }

        if (Errors.Count > 0)
        {
            await LoadAsync(ct);
            return Page();
        }

        await db.SaveChangesAsync(ct);
        return Redirect("/dashboards");
    }

    public async Task<IActionResult> OnPostAsync(string? name, bool shared, CancellationToken ct)
    {
        if (!MayCreate)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var checkedInput = await new DashboardInput(name, shared, null, null, null).CheckAsync(db, MayShare, Errors, ct);
        if (checkedInput is null)
        {
            await LoadAsync(ct);
            return Page();
        }

        var dashboard = await store.CreateAsync(checkedInput, User.UserId(), User.Role(), ct);
        audit.Record(User.Actor(), "dashboard.created", $"dashboard:{dashboard.Id}", dashboard.Name);
        await db.SaveChangesAsync(ct);
        return Redirect($"/dashboards/{dashboard.Id}");
    }
}
