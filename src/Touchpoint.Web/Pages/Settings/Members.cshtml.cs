using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Settings;

/// <summary>Who is in the workspace with which role; invitations by email; role changes.</summary>
[Authorize(Policy = "workspace.manage")]
internal sealed class MembersModel(TouchpointDbContext db, InvitationService invitations, CurrentWorkspace current, AuditLog audit,
    TimeProvider clock) : PageModel
{
    public static readonly WorkspaceRole[] InvitableRoles = Enum.GetValues<WorkspaceRole>().Where(r => r != WorkspaceRole.Owner).ToArray();

    public sealed record Row(Guid Id, string Name, string Email, WorkspaceRole Role, DateTime Since);

    public List<Row> Members { get; private set; } = [];
    public List<Invitation> Pending { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public WorkspaceRole Role { get; set; } = WorkspaceRole.Agent;
    [BindProperty] public Guid MemberId { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
    {
        var workspace = await current.GetAsync(ct);
        var inviter = User.Identity?.Name ?? "A colleague";
        Errors = ModelState.IsValid
            ? await invitations.InviteAsync(Email ?? "", Role, inviter, User.Actor(), User.UserId() ?? Guid.Empty, workspace.Name,
                PublicUrls.Base(HttpContext), ct)
            : new() { ["role"] = ["Choose a role from the list."] };
        if (Errors.Count > 0)
        {
            await LoadAsync(ct);
            return Page();
        }

        TempData["Flash"] = $"Invitation sent to {Email?.Trim()}.";
        return Redirect("/settings/members");
    }

    public async Task<IActionResult> OnPostRoleAsync(CancellationToken ct)
    {
        var member = await db.Memberships.Include(m => m.User).FirstOrDefaultAsync(m => m.Id == MemberId, ct);
        if (member is null || !ModelState.IsValid || !InvitableRoles.Contains(Role))
        {
            return NotFound();
        }

        if (member.Role == WorkspaceRole.Owner)
        {
            TempData["Flash"] = "An owner's role cannot be changed here.";
            return Redirect("/settings/members");
        }

        audit.Record(User.Actor(), "member.role_changed", $"user:{member.User!.Email}", $"{member.Role} -> {Role}");
        member.Role = Role;
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"{member.User.Email} is now {Role}.";
        return Redirect("/settings/members");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Members = await db.Memberships.AsNoTracking().OrderBy(m => m.CreatedAt)
            .Select(m => new Row(m.Id, m.User!.DisplayName, m.User.Email!, m.Role, m.CreatedAt)).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        Pending = await db.Invitations.AsNoTracking().Where(i => i.AcceptedAt == null && i.ExpiresAt > now)
            .OrderByDescending(i => i.CreatedAt).ToListAsync(ct);
    }
}
