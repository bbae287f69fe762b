using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;

namespace Touchpoint.Web.Platform;

/// <summary>
/// After authentication, enters the principal's workspace for this request, and for a signed-in
/// user checks the membership still exists and adds its current role. Roles are read per request,
/// not frozen into the cookie, so a demotion or removal takes effect at once.
/// </summary>
internal sealed class WorkspaceClaimsTransformation(TouchpointDbContext db, WorkspaceScope scope) : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.WorkspaceId() is not { } workspaceId)
        {
            return principal;
        }

        if (principal.Identity.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName)
        {
            EnterOnce(workspaceId);
            return principal;
        }

        if (principal.HasClaim(c => c.Type == ClaimTypes.Role))
        {
            return principal;
        }

        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return principal;
        }

        var role = await db.Memberships.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.UserId == userId && m.WorkspaceId == workspaceId)
            .Select(m => (Core.Platform.WorkspaceRole?)m.Role)
            .FirstOrDefaultAsync();
        if (role is null)
        {
            // Removed from the workspace since signing in: strip the workspace so nothing is shown.
            var stripped = principal.Claims.Where(c => c.Type != TouchpointClaims.Workspace);
            return new ClaimsPrincipal(new ClaimsIdentity(stripped, principal.Identity.AuthenticationType));
        }

        EnterOnce(workspaceId);
        var identity = new ClaimsIdentity(principal.Claims, principal.Identity.AuthenticationType);
        identity.AddClaim(new Claim(ClaimTypes.Role, role.Value.ToString()));
        return new ClaimsPrincipal(identity);
    }

    private void EnterOnce(Guid workspaceId)
    {
        if (!scope.IsSet)
        {
            scope.Enter(workspaceId);
        }
    }
}
