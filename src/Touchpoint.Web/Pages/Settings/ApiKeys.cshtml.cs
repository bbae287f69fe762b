using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Tracking;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Settings;

/// <summary>Create (shown once), list and revoke API keys.</summary>
[Authorize(Policy = "workspace.manage")]
internal sealed class ApiKeysModel(TouchpointDbContext db, ApiKeyService keys) : PageModel
{
    public List<ApiKey> Keys { get; private set; } = [];
    public List<string> Errors { get; } = [];
    public string? NewKey { get; private set; }

    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public ApiKeyKind Kind { get; set; }
    [BindProperty] public List<string> Scopes { get; set; } = [];
    /// <summary>Where a write key's events come from.</summary>
    [BindProperty] public TrackingSource Source { get; set; } = TrackingSource.Web;
    [BindProperty] public Guid KeyId { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The plain key travels once from the POST to this GET inside encrypted TempData, then is gone.
        NewKey = TempData["NewKey"] as string;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 200)
        {
            Errors.Add("Give the key a name of at most 200 characters.");
        }

        if (!ModelState.IsValid || !Enum.IsDefined(Kind))
        {
            Errors.Add("Choose the kind of key.");
        }

        if (Kind == ApiKeyKind.Rest && (Scopes.Count == 0 || Scopes.Any(s => !ApiScopes.IsKnown(s))))
        {
            Errors.Add("Choose at least one scope: read, write or admin.");
        }

        if (Kind == ApiKeyKind.Write && !TrackingChannels.WriteKeySources.Contains(Source))
        {
            Errors.Add("Choose the source of a write key: web, app, store or sensor.");
        }

        if (Errors.Count > 0)
        {
            await LoadAsync(ct);
            return Page();
        }

        var created = await keys.CreateAsync(Name.Trim(), Kind, Scopes, User.Actor(), User.UserId(),
            source: Kind == ApiKeyKind.Write ? Source : null, ct: ct);
        TempData["NewKey"] = created.PlainKey;
        return Redirect("/settings/api-keys");
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        TempData["Flash"] = await keys.RevokeAsync(KeyId, User.Actor(), ct) ? "Key revoked. Calls with it now fail." : "That key was already revoked.";
        return Redirect("/settings/api-keys");
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Keys = await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
}
