using Touchpoint.Core.Platform;

namespace Touchpoint.Web.Analytics.Dashboards;

/// <summary>
/// The home dashboards: the CX manager's (the whole workspace), the team manager's (their teams and
/// agents) and the agent's (their own scores and cases). Each role opens its own; a role may look at the
/// views below it, never above (a manager cannot see the whole workspace's breakdowns here, an agent
/// cannot see a team's).
/// </summary>
internal enum DashboardView
{
    Cx,
    Team,
    Agent,
}

internal static class DashboardViews
{
    public static DashboardView? DefaultFor(WorkspaceRole? role) => role switch
    {
        WorkspaceRole.Owner or WorkspaceRole.Admin or WorkspaceRole.Analyst => DashboardView.Cx,
        WorkspaceRole.Manager => DashboardView.Team,
        WorkspaceRole.Agent => DashboardView.Agent,
        _ => null,
    };

    public static IReadOnlyList<DashboardView> AllowedFor(WorkspaceRole? role) => DefaultFor(role) switch
    {
        DashboardView.Cx => [DashboardView.Cx, DashboardView.Team, DashboardView.Agent],
        DashboardView.Team => [DashboardView.Team, DashboardView.Agent],
        DashboardView.Agent => [DashboardView.Agent],
        _ => [],
    };

    /// <summary>Managers see the teams they belong to; the workspace's CX roles see every team.</summary>
    public static bool SeesEveryTeam(WorkspaceRole? role) => DefaultFor(role) == DashboardView.Cx;

    public static string Title(DashboardView view) => view switch
    {
        DashboardView.Cx => "CX manager",
        DashboardView.Team => "Team manager",
        _ => "Agent",
    };

    public static string Slug(DashboardView view) => view.ToString().ToLowerInvariant();
}
