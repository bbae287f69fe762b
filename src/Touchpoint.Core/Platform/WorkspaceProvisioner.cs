using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;

namespace Touchpoint.Core.Platform;

/// <summary>Creates a workspace with its owner and the reference model every capability points at.</summary>
public sealed class WorkspaceProvisioner(TouchpointDbContext db, WorkspaceScope scope, TimeProvider clock)
{
    public async Task<Workspace> CreateAsync(string name, string timeZone, User owner, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var workspace = new Workspace { Name = name, TimeZone = timeZone, CreatedAt = now };
        db.Workspaces.Add(workspace);
        scope.Enter(workspace.Id);
        db.Memberships.Add(new Membership { UserId = owner.Id, Role = WorkspaceRole.Owner, CreatedAt = now });
        DefaultJourney.AddTo(db);
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            Actor = $"user:{owner.Email}",
            Action = "workspace.created",
            Target = $"workspace:{workspace.Id}",
            Details = name,
        });
        await db.SaveChangesAsync(ct);
        return workspace;
    }
}
