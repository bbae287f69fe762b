using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics.Dashboards;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Analytics.Dashboards;

/// <summary>
/// One request for a home dashboard, resolved once for the page and its CSV downloads: the view the person
/// may see, the filter from the URL, the period in the workspace's zone, and whose data the view covers
/// (the teams of a team view, the agent of an agent view). What the role may not see is never loaded.
/// </summary>
internal sealed record DashboardRequest(Workspace Workspace, DashboardView View, IReadOnlyList<DashboardView> Allowed,
    DashboardFilter Filter, DashboardRange Range, IReadOnlyList<Guid> TeamIds, string? AgentName, Guid UserId,
    Dictionary<string, string[]> Errors)
{
    /// <summary>Null when the person's role has no dashboard (employees).</summary>
    public static async Task<DashboardRequest?> ResolveAsync(ClaimsPrincipal user, IQueryCollection query, Workspace workspace,
        TouchpointDbContext db, DashboardFigures figures, TimeProvider clock, CancellationToken ct)
    {
        var role = user.Role();
        var allowed = DashboardViews.AllowedFor(role);
        if (allowed.Count == 0 || user.UserId() is not { } userId)
        {
            return null;
        }

        var errors = new Dictionary<string, string[]>();
        var view = DashboardViews.DefaultFor(role)!.Value;
        if (query.TryGetValue("view", out var asked) && asked.ToString() is { Length: > 0 } slug)
        {
            var match = allowed.Where(v => string.Equals(DashboardViews.Slug(v), slug, StringComparison.OrdinalIgnoreCase)).ToList();
            if (match.Count == 1)
            {
                view = match[0];
            }
            else
            {
                errors["view"] = [$"Your role can open: {string.Join(", ", allowed.Select(DashboardViews.Slug))}."];
            }
        }

        var filter = await DashboardFilterQuery.ReadAsync(query, db, errors, ct);
        string? agentName = null;
        if (view == DashboardView.Agent)
        {
            // An agent's view is about the person looking, whatever agent the URL names.
            agentName = await figures.AgentNameAsync(userId, ct);
            filter = filter with { Agent = agentName };
        }

        IReadOnlyList<Guid> teamIds = [];
        if (view == DashboardView.Team)
        {
            var teams = DashboardViews.SeesEveryTeam(role)
                ? await db.Teams.AsNoTracking().Select(t => t.Id).ToListAsync(ct)
                : await db.TeamMembers.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.TeamId).Distinct().ToListAsync(ct);
            teamIds = filter.TeamId is { } only ? teams.Where(t => t == only).ToList() : teams;
            if (!DashboardViews.SeesEveryTeam(role) && filter.TeamId is { } chosen && !teams.Contains(chosen))
            {
                errors["team"] = ["You manage other teams; pick one of yours."];
            }
        }

        var range = DashboardRange.Resolve(workspace, filter, clock.GetUtcNow());
        return new DashboardRequest(workspace, view, allowed, filter, range, teamIds, agentName, userId, errors);
    }
}
