using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Cases.Remedies;
using Touchpoint.Core.Data;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Settings;

/// <summary>
/// Authority limits: what each role, and each person, may give a customer without approval. Saving
/// goes through the same editor as PUT /api/v1/authority-limits (checks and audit included).
/// </summary>
[Authorize(Policy = "cases.manage")]
internal sealed class AuthorityModel(TouchpointDbContext db, AuthorityLimitEditor editor) : PageModel
{
    public sealed record Row(Guid Id, string Holder, string Kind, string Limit);

    public List<Row> Limits { get; private set; } = [];
    public List<(Guid Id, string Name)> Members { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    /// <summary>"role:agent" or "user:{id}".</summary>
    [BindProperty] public string? Holder { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? MaxAmount { get; set; }
    [BindProperty] public bool NoCap { get; set; }
    [BindProperty] public Guid? LimitId { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostSetAsync(CancellationToken ct)
    {
        var current = await CurrentAsync(ct);
        string? role = null;
        Guid? userId = null;
        if (Holder?.StartsWith("role:", StringComparison.Ordinal) == true)
        {
            role = Holder[5..];
        }
        else if (Holder?.StartsWith("user:", StringComparison.Ordinal) == true && Guid.TryParse(Holder[5..], out var id))
        {
            userId = id;
        }
        else
        {
            Errors["holder"] = ["Choose a role or a person."];
        }

        decimal? max = null;
        if (!NoCap)
        {
            if (decimal.TryParse(MaxAmount?.Trim(), NumberStyles.Number & ~NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var parsed))
            {
                max = parsed;
            }
            else
            {
                Errors["maxAmount"] = ["Give the most that may be given per case, such as 50, or tick \"Allowed, no amount\"."];
            }
        }

        if (Errors.Count == 0)
        {
            var kind = RemedyKinds.Normalize(Kind);
            // Setting a limit that exists changes it; the editor sees the whole set and audits the difference.
            current.RemoveAll(l => l.Role == role && l.UserId == userId && RemedyKinds.Normalize(l.Kind) == kind);
            current.Add(new AuthorityLimitEditor.Input(role, userId, Kind, max));
            if (await editor.ReplaceAsync(current, User.Actor(), ct) is { } errors)
            {
                Errors = errors.ToDictionary(e => e.Key[(e.Key.LastIndexOf('.') + 1)..], e => e.Value);
            }
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        var rows = await db.AuthorityLimits.AsNoTracking().ToListAsync(ct);
        var kept = rows.Where(l => l.Id != LimitId).Select(ToInput).ToList();
        await editor.ReplaceAsync(kept, User.Actor(), ct);
        return RedirectToPage();
    }

    private async Task<List<AuthorityLimitEditor.Input>> CurrentAsync(CancellationToken ct) =>
        (await db.AuthorityLimits.AsNoTracking().ToListAsync(ct)).Select(ToInput).ToList();

    private static AuthorityLimitEditor.Input ToInput(AuthorityLimit l) => new(l.Role?.ToString(), l.UserId, l.Kind, l.MaxAmount);

    private async Task LoadAsync(CancellationToken ct)
    {
        Members = (await db.Memberships.AsNoTracking().Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName, u.Email, m.Role })
                .ToListAsync(ct))
            .Where(m => AuthorityLimitEditor.Roles.Contains(m.Role))
            .Select(m => (m.Id, string.IsNullOrWhiteSpace(m.DisplayName) ? m.Email ?? "" : m.DisplayName))
            .OrderBy(m => m.Item2, StringComparer.OrdinalIgnoreCase).ToList();
        var names = Members.ToDictionary(m => m.Id, m => m.Name);
        Limits = (await db.AuthorityLimits.AsNoTracking().ToListAsync(ct))
            .OrderBy(l => l.UserId is null ? 0 : 1).ThenBy(l => l.Role).ThenBy(l => l.UserId is { } u ? names.GetValueOrDefault(u, "") : "").ThenBy(l => l.Kind, StringComparer.Ordinal)
            .Select(l => new Row(l.Id, l.UserId is { } u ? $"{names.GetValueOrDefault(u, "a former member")} (person)" : $"Every {l.Role.ToString()!.ToLowerInvariant()}",
                RemedyKinds.Label(l.Kind), AuthorityLimitEditor.Describe(l.MaxAmount)))
            .ToList();
    }
}
