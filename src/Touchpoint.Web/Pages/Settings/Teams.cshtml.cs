using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;

namespace Touchpoint.Web.Pages.Settings;

/// <summary>Teams of agents that conversations are transferred to.</summary>
[Authorize(Policy = "conversations.handle")]
internal sealed class TeamsModel(TouchpointDbContext db, WorkspaceScope scope, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid Id, string Name, List<string> Members);

    public List<Row> Teams { get; private set; } = [];
    public Dictionary<Guid, string> Members { get; private set; } = [];
    public string? Error { get; private set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public List<Guid> MemberIds { get; set; } = [];
    [BindProperty] public Guid? TeamId { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Members = (await db.Memberships.AsNoTracking().Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName, u.Email })
            .ToListAsync(ct)).ToDictionary(m => m.Id, m => string.IsNullOrWhiteSpace(m.DisplayName) ? m.Email ?? "" : m.DisplayName);
        var links = await db.TeamMembers.AsNoTracking().ToListAsync(ct);
        Teams = (await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct))
            .Select(t => new Row(t.Id, t.Name, links.Where(l => l.TeamId == t.Id).Select(l => Members.GetValueOrDefault(l.UserId, "")).Order().ToList()))
            .ToList();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var name = Name?.Trim();
        Error = string.IsNullOrEmpty(name) || name.Length > 200 ? "Give the team a name of 1 to 200 characters."
            : await db.Teams.AnyAsync(t => t.Name == name, ct) ? "A team with this name exists; pick another name." : null;
        var known = await db.Memberships.Where(m => MemberIds.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(ct);
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await OnGetAsync(ct);
            return Page();
        }

        var team = new Team { Name = name!, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Teams.Add(team);
        db.TeamMembers.AddRange(known.Distinct().Select(u => new TeamMember { TeamId = team.Id, UserId = u }));
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        // Its conversations lose their team, and so do the scores by team: the rollups are rebuilt (same transaction).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.Teams.Where(t => t.Id == TeamId).ExecuteDeleteAsync(ct) > 0)
        {
            Core.Analytics.Rollups.RollupMarks.ForWorkspace(db, scope.WorkspaceId);
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return RedirectToPage();
    }
}
