using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases.Remedies;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Cases.Remedies;

/// <summary>
/// The person behind a request, with their current role: the signed-in member, or for the REST API
/// the member who created the key. Authority belongs to people, so a key's scopes never stretch it:
/// an agent's key with every scope still has an agent's authority. A key nobody created (bootstrap,
/// command line) has no person behind it and gives or decides no remedy.
/// </summary>
internal static class ActingMember
{
    public const string NoPersonDetail =
        "Remedies are given and decided by people: call with an API key a member created (Settings > API keys); their role and authority apply.";

    public static async Task<RemedyActor?> ResolveAsync(ClaimsPrincipal user, TouchpointDbContext db, CancellationToken ct)
    {
        var userId = user.UserId();
        if (userId is null && user.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName
            && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var keyId))
        {
            userId = await db.ApiKeys.AsNoTracking().Where(k => k.Id == keyId).Select(k => k.CreatedByUserId).FirstOrDefaultAsync(ct);
        }

        if (userId is not { } id)
        {
            return null;
        }

        var role = await db.Memberships.AsNoTracking().Where(m => m.UserId == id).Select(m => (WorkspaceRole?)m.Role).FirstOrDefaultAsync(ct);
        return role is { } r ? new RemedyActor(id, r, user.Actor()) : null;
    }
}
