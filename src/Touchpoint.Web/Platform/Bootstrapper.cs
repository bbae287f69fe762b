using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Web.Platform;

/// <summary>Creates the admin, their workspace and the keys named in <see cref="BootstrapOptions"/>.</summary>
internal sealed class Bootstrapper(
    IOptions<BootstrapOptions> options,
    UserManager<User> users,
    TouchpointDbContext db,
    WorkspaceScope scope,
    WorkspaceProvisioner provisioner,
    ApiKeyService keys,
    TimeProvider clock)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var workspaceId = await EnsureAdminWorkspaceAsync(settings, ct);
        if (settings.ApiKey is null && settings.WriteKey is null)
        {
            return;
        }

        workspaceId ??= await db.Workspaces.OrderBy(w => w.CreatedAt).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(ct);
        if (workspaceId is null)
        {
            throw new InvalidOperationException("Touchpoint:Bootstrap:ApiKey needs a workspace: also set Touchpoint:Bootstrap:AdminEmail.");
        }

        if (!scope.IsSet)
        {
            scope.Enter(workspaceId.Value);
        }

        await EnsureKeyAsync(settings.ApiKey, ApiKeyKind.Rest, "Bootstrap API key", ct);
        await EnsureKeyAsync(settings.WriteKey, ApiKeyKind.Write, "Bootstrap write key", ct);
    }

    private async Task<Guid?> EnsureAdminWorkspaceAsync(BootstrapOptions settings, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(settings.AdminEmail))
        {
            return null;
        }

        var admin = await users.FindByEmailAsync(settings.AdminEmail);
        if (admin is null)
        {
            if (string.IsNullOrEmpty(settings.AdminPassword))
            {
                throw new InvalidOperationException("Touchpoint:Bootstrap:AdminEmail is set; also set Touchpoint:Bootstrap:AdminPassword.");
            }

            admin = new User
            {
                UserName = settings.AdminEmail,
                Email = settings.AdminEmail,
                EmailConfirmed = true,
                DisplayName = settings.AdminEmail,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            var created = await users.CreateAsync(admin, settings.AdminPassword);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("Bootstrap admin: " + string.Join(" ", created.Errors.Select(e => e.Description)));
            }
        }

        var existing = await db.Memberships.IgnoreQueryFilters()
            .Where(m => m.UserId == admin.Id).OrderBy(m => m.CreatedAt).Select(m => (Guid?)m.WorkspaceId).FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            return existing;
        }

        var workspace = await provisioner.CreateAsync(settings.WorkspaceName, settings.TimeZone, admin, ct);
        return workspace.Id;
    }

    private async Task EnsureKeyAsync(string? plain, ApiKeyKind kind, string name, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(plain))
        {
            return;
        }

        var hash = SecretTokens.Hash(plain);
        if (await db.ApiKeys.IgnoreQueryFilters().AnyAsync(k => k.Hash == hash, ct))
        {
            return;
        }

        await keys.CreateAsync(name, kind, ApiScopes.All, "system", plainKey: plain, ct: ct);
    }
}
