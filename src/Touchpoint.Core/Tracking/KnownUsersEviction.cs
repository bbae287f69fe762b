using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Tracking;

/// <summary>
/// Keeps <see cref="KnownUsers"/> honest: any save that deletes a profile, or changes its external id
/// or tracking consent, forgets that workspace's remembered users. One hook on the data context, so
/// every path (REST edit, import, merge, erase, identify traits) is covered without each knowing.
/// </summary>
public sealed class KnownUsersEviction(KnownUsers knownUsers) : SaveHook
{
    protected override void BeforeSave(DbContext context)
    {
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
