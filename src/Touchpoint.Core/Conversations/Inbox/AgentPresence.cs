using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Conversations;

/// <summary>Sets an agent's presence and capacity, and records the heartbeat that keeps "online" true.</summary>
public sealed class AgentPresence(TouchpointDbContext db, TimeProvider clock)
{
    public async Task<AgentStatus> SetAsync(Guid userId, Presence? presence, int? capacity, CancellationToken ct = default)
    {
        var status = await db.AgentStatuses.FirstOrDefaultAsync(s => s.UserId == userId, ct);
        if (status is null)
        {
            status = new AgentStatus { UserId = userId };
            db.AgentStatuses.Add(status);
        }

        status.Presence = presence ?? status.Presence;
        status.Capacity = capacity ?? status.Capacity;
        status.LastSeenAt = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.Entry(status).State == EntityState.Added)
        {
            // Two tabs heartbeat the first time at once: the other one created the row; update it.
            db.ChangeTracker.Clear();
            return await SetAsync(userId, presence, capacity, ct);
        }

        return status;
    }
}
