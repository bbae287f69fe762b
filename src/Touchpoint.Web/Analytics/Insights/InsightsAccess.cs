using System.Security.Claims;
using Touchpoint.Core.Platform;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Analytics.Insights;

/// <summary>
/// Who may ask for churn scores to be recomputed or change how outcomes are read: owners, admins and
/// analysts, or a key with write scope. Everyone who views analytics may read them.
/// </summary>
internal static class InsightsAccess
{
    public static bool MayManage(ClaimsPrincipal user) =>
        user.Role() is WorkspaceRole.Owner or WorkspaceRole.Admin or WorkspaceRole.Analyst
        || user.HasClaim(TouchpointClaims.Scope, ApiScopes.Write);
}
