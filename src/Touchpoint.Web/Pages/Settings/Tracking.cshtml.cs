using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Tracking;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Settings;

/// <summary>Tracking: the write keys per source, and the rules that tie events to touch points.</summary>
[Authorize(Policy = "workspace.manage")]
internal sealed class TrackingModel(TouchpointDbContext db, TouchPointMappingService mappings) : PageModel
{
    public sealed record TouchPointOption(Guid Id, string Label);

    public List<ApiKey> WriteKeys { get; private set; } = [];
    public List<TouchPointMapping> Mappings { get; private set; } = [];
    public List<TouchPointOption> TouchPoints { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public string BaseUrl => $"{Request.Scheme}://{Request.Host}";

    [BindProperty] public Guid? TouchPointId { get; set; }
    [BindProperty] public string? Source { get; set; }
    [BindProperty] public string? EventType { get; set; }
    [BindProperty] public string? EventName { get; set; }
    [BindProperty] public string? PathPrefix { get; set; }
    [BindProperty] public int? Priority { get; set; }
    [BindProperty] public Guid MappingId { get; set; }

    public string TouchPointLabel(Guid id) => TouchPoints.FirstOrDefault(t => t.Id == id)?.Label ?? "(deleted touch point)";

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var result = await mappings.CreateAsync(new TouchPointMappingService.Draft(TouchPointId, Source, EventType, EventName, PathPrefix,
            Priority), User.Actor(), ct);
        if (result.Mapping is null)
        {
            Errors = result.Errors;
            await LoadAsync(ct);
            return Page();
        }

        TempData["Flash"] = "Mapping added: new events that match it are tied to its touch point.";
        return Redirect("/settings/tracking");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        TempData["Flash"] = await mappings.DeleteAsync(MappingId, User.Actor(), ct) ? "Mapping deleted." : "That mapping was already deleted.";
        return Redirect("/settings/tracking");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        WriteKeys = await db.ApiKeys.AsNoTracking().Where(k => k.Kind == ApiKeyKind.Write && k.RevokedAt == null)
            .OrderBy(k => k.CreatedAt).ToListAsync(ct);
        Mappings = await mappings.ListAsync(ct);
        TouchPoints = (await db.TouchPoints.AsNoTracking().Include(t => t.Stage).ToListAsync(ct))
            .OrderBy(t => t.Stage?.Position).ThenBy(t => t.Name)
            .Select(t => new TouchPointOption(t.Id, $"{t.Name} ({t.Stage?.Name}, {t.Channel})")).ToList();
    }
}
