using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Customers;

/// <summary>
/// Finds a customer by the key a caller knows: our id (a GUID) or their own external id. A GUID is
/// tried as our id first, then as an external id, since some companies use GUIDs as their ids too.
/// </summary>
public static class CustomerLookup
{
    public static async Task<Customer?> FindAsync(TouchpointDbContext db, string key, bool tracked = false, CancellationToken ct = default)
    {
        var customers = tracked ? db.Customers : db.Customers.AsNoTracking();
        if (Guid.TryParse(key, out var id) && await customers.FirstOrDefaultAsync(c => c.Id == id, ct) is { } byId)
        {
            return byId;
        }

        return await customers.FirstOrDefaultAsync(c => c.ExternalId == key, ct);
    }
}
