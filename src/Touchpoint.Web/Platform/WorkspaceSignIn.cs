using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Web.Platform;

/// <summary>Signs a user in to one of their workspaces; the workspace travels in the auth cookie.</summary>
internal sealed class WorkspaceSignIn(SignInManager<User> signIn, TouchpointDbContext db)
{
    public async Task<IReadOnlyList<(Guid Id, string Name, WorkspaceRole Role)>> WorkspacesOfAsync(Guid userId) =>
        (await db.Memberships.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.UserId == userId)
            .OrderBy(m => m.CreatedAt)
            .Select(m => new { m.WorkspaceId, m.Workspace!.Name, m.Role })
            .ToListAsync())
        .Select(m => (m.WorkspaceId, m.Name, m.Role)).ToList();

    /// <summary>Signs in to <paramref name="workspaceId"/>, or to the user's first workspace.</summary>
    public async Task<bool> SignInAsync(User user, bool remember, Guid? workspaceId = null)
    {
        var workspaces = await WorkspacesOfAsync(user.Id);
        var chosen = workspaces.FirstOrDefault(w => workspaceId is null || w.Id == workspaceId);
        if (chosen == default)
        {
            return false;
        }

        await signIn.SignInWithClaimsAsync(user, remember,
        [
            new Claim(TouchpointClaims.Workspace, chosen.Id.ToString()),
            new Claim(TouchpointClaims.Actor, $"user:{user.Email}"),
        ]);
        return true;
    }
}
