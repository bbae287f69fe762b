using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;

namespace Touchpoint.Core.Analytics.Rollups;

/// <summary>
/// Marks for bulk updates, which no save hook sees: call before the ExecuteUpdate/ExecuteDelete, in its
/// transaction, and save the context with it.
/// </summary>
public static class RollupMarks
{
    /// <summary>Marks the dates of these responses (completed ones: partial answers are in no score).</summary>
    public static async Task ForResponsesAsync(TouchpointDbContext db, IQueryable<Response> responses, CancellationToken ct = default)
    {
        var answered = await responses.Where(r => r.Status == ResponseStatus.Completed)
            .Select(r => new { r.WorkspaceId, r.SubmittedAt }).ToListAsync(ct);
        foreach (var (workspace, day) in answered.Select(a => (a.WorkspaceId, RollupMarking.UtcDate(a.SubmittedAt))).Distinct())
        {
            db.RollupMarks.Add(new RollupMark { WorkspaceId = workspace, Kind = RollupMarkKind.Day, UtcDay = day });
        }
    }

    /// <summary>Marks the whole workspace for a rebuild (a change every day depends on, such as removing a team).</summary>
    public static void ForWorkspace(TouchpointDbContext db, Guid workspaceId) =>
        db.RollupMarks.Add(new RollupMark { WorkspaceId = workspaceId, Kind = RollupMarkKind.Workspace });
}
