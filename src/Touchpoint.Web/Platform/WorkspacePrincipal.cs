using System.Security.Claims;
using Touchpoint.Core.Platform;

namespace Touchpoint.Web.Platform;

/// <summary>Reads Touchpoint's claims from the current principal.</summary>
internal static class WorkspacePrincipal
{
    public static Guid? WorkspaceId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(TouchpointClaims.Workspace), out var id) ? id : null;

    public static Guid? UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(TouchpointClaims.Actor)?.StartsWith("user:", StringComparison.Ordinal) == true
        && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string Actor(this ClaimsPrincipal user) => user.FindFirstValue(TouchpointClaims.Actor) ?? "system";

    public static WorkspaceRole? Role(this ClaimsPrincipal user) =>
        Enum.TryParse<WorkspaceRole>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    public static bool Has(this ClaimsPrincipal user, Permission permission) =>
        permission.Roles.Any(r => user.IsInRole(r.ToString())) || user.HasClaim(TouchpointClaims.Scope, permission.Scope);
}
