using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Web.Platform;

/// <summary>The current request's workspace row, loaded once per request when something needs it.</summary>
internal sealed class CurrentWorkspace(TouchpointDbContext db, WorkspaceScope scope)
{
    private Workspace? _workspace;

    public async Task<Workspace> GetAsync(CancellationToken ct = default)
    {
        if (!scope.IsSet)
        {
            throw new InvalidOperationException("No workspace is selected for this request.");
        }

        return _workspace ??= await db.Workspaces.AsNoTracking().FirstAsync(w => w.Id == scope.WorkspaceId, ct);
    }
}
