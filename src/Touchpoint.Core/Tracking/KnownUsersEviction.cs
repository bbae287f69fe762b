using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Touchpoint.Core.Customers;

namespace Touchpoint.Core.Tracking;

/// <summary>
/// Keeps <see cref="KnownUsers"/> honest: any save that deletes a profile, or changes its external id
/// or tracking consent, forgets that workspace's remembered users. One hook on the data context, so
/// every path (REST edit, import, merge, erase, identify traits) is covered without each knowing.
/// </summary>
public sealed class KnownUsersEviction(KnownUsers knownUsers) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Evict(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Evict(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Evict(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<Customer>())
        {
            if (entry.State == EntityState.Deleted
                || (entry.State == EntityState.Modified
                    && (entry.Property(c => c.ExternalId).IsModified
                        || entry.ComplexProperty(c => c.Consent).Property(c => c.Tracking).IsModified)))
            {
                knownUsers.Forget(entry.Entity.WorkspaceId);
            }
        }
    }
}
