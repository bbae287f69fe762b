using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Tracking;

/// <summary>
/// Says which customer a tracking message is about: by userId (the profile's ExternalId, or an old id
/// recorded by alias), else by anonymousId, creating the profile on first sight. A message that
/// carries both ids for two different profiles, the anonymous one unknown by userId, merges them.
/// Two requests may create the same profile at once: the unique indexes let one win, and the other
/// reads what it made.
/// </summary>
public sealed class IdentityResolver(TouchpointDbContext db, ProfileMerger merger, TimeProvider clock)
{
    private const int Attempts = 4;
    private readonly Dictionary<Guid, Guid> _mergedInto = [];
    // Profiles read ahead for a batch, by user id; dropped whenever profiles may have changed under them.
    private readonly Dictionary<string, Customer> _byUserId = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads the profiles of many user ids in one query, so a batch of events from known users costs
    /// one lookup, not one per message. Only messages with a user id and no anonymous id use it.
    /// </summary>
    public async Task PrefetchAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default)
    {
        if (userIds.Count == 0)
        {
            return;
        }

        foreach (var customer in await db.Customers.Where(c => c.ExternalId != null && userIds.Contains(c.ExternalId)).ToListAsync(ct))
        {
            _byUserId[customer.ExternalId!] = customer;
        }
    }

    /// <summary>The profile a customer id now lives in, after the merges this resolver made.</summary>
    public Guid Current(Guid customerId)
    {
        while (_mergedInto.TryGetValue(customerId, out var survivor))
        {
            customerId = survivor;
        }

        return customerId;
    }

    /// <summary>The tracked customer the ids point at. Saves what it creates.</summary>
    public async Task<Customer> ResolveAsync(string? userId, string? anonymousId, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryResolveAsync(userId, anonymousId, ct);
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Someone else created the same profile or identity first: forget ours and read theirs.
                db.ChangeTracker.Clear();
                _byUserId.Clear();
            }
        }
    }

    /// <summary>alias: <paramref name="previousId"/> (an anonymous id or a former user id) is now <paramref name="userId"/>.</summary>
    public async Task<Customer> AliasAsync(string previousId, string userId, CancellationToken ct = default)
    {
        _byUserId.Clear();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryAliasAsync(previousId, userId, ct);
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<Customer> TryResolveAsync(string? userId, string? anonymousId, CancellationToken ct)
    {
        if (anonymousId is null && userId is not null && _byUserId.TryGetValue(userId, out var prefetched))
        {
            return prefetched;
        }

        var anonymous = anonymousId is null ? null : await ByIdentityAsync(IdentityKind.AnonymousId, anonymousId, ct);
        if (userId is null)
        {
            return anonymous ?? await CreateAsync(externalId: null, anonymousId, previousId: null, ct);
        }

        var known = await ByUserIdAsync(userId, ct);
        if (known is null)
        {
            if (anonymous is { ExternalId: null })
            {
                // The visitor we knew only by device now has a name: same profile, no merge needed.
                anonymous.ExternalId = userId;
                anonymous.UpdatedAt = Now;
                await db.SaveChangesAsync(ct);
                return anonymous;
            }

            return await CreateAsync(userId, anonymous is null ? anonymousId : null, previousId: null, ct);
        }

        if (anonymousId is not null && anonymous is null)
        {
            await AddIdentityAsync(known, IdentityKind.AnonymousId, anonymousId, ct);
        }
        else if (anonymous is { ExternalId: null } && anonymous.Id != known.Id)
        {
            await MergeAsync(known, anonymous, ct);
        }

        // An anonymous id that belongs to another known user (a shared device) is left with them.
        return known;
    }

    private async Task<Customer> TryAliasAsync(string previousId, string userId, CancellationToken ct)
    {
        var target = await ByUserIdAsync(userId, ct);
        var source = await db.Customers.FirstOrDefaultAsync(c => c.ExternalId == previousId, ct)
            ?? await ByIdentityAsync(IdentityKind.AnonymousId, previousId, ct)
            ?? await ByIdentityAsync(IdentityKind.PreviousId, previousId, ct);
        if (target is null && source is null)
        {
            return await CreateAsync(userId, anonymousId: null, previousId, ct);
        }

        if (target is null)
        {
            // The old profile simply takes the new id.
            source!.ExternalId = userId;
            source.UpdatedAt = Now;
            target = source;
        }
        else if (source is not null && source.Id != target.Id)
        {
            await MergeAsync(target, source, ct);
        }

        if (!await db.CustomerIdentities.AnyAsync(i => i.Kind == IdentityKind.PreviousId && i.Value == previousId, ct))
        {
            db.CustomerIdentities.Add(Identity(target, IdentityKind.PreviousId, previousId));
        }

        await db.SaveChangesAsync(ct);
        return target;
    }

    private async Task MergeAsync(Customer survivor, Customer merged, CancellationToken ct)
    {
        await merger.MergeAsync(survivor, merged, ct);
        _mergedInto[merged.Id] = survivor.Id;
        _byUserId.Clear();
    }

    private async Task<Customer?> ByUserIdAsync(string userId, CancellationToken ct) =>
        await db.Customers.FirstOrDefaultAsync(c => c.ExternalId == userId, ct)
        ?? await ByIdentityAsync(IdentityKind.PreviousId, userId, ct);

    private Task<Customer?> ByIdentityAsync(IdentityKind kind, string value, CancellationToken ct) =>
        db.Customers.FirstOrDefaultAsync(c => db.CustomerIdentities.Any(i => i.CustomerId == c.Id && i.Kind == kind && i.Value == value), ct);

    private async Task<Customer> CreateAsync(string? externalId, string? anonymousId, string? previousId, CancellationToken ct)
    {
        var now = Now;
        var customer = new Customer { ExternalId = externalId, CreatedAt = now, UpdatedAt = now };
        db.Customers.Add(customer);
        if (anonymousId is not null)
        {
            db.CustomerIdentities.Add(Identity(customer, IdentityKind.AnonymousId, anonymousId));
        }

        if (previousId is not null)
        {
            db.CustomerIdentities.Add(Identity(customer, IdentityKind.PreviousId, previousId));
        }

        await db.SaveChangesAsync(ct);
        return customer;
    }

    private async Task AddIdentityAsync(Customer customer, IdentityKind kind, string value, CancellationToken ct)
    {
        db.CustomerIdentities.Add(Identity(customer, kind, value));
        await db.SaveChangesAsync(ct);
    }

    private CustomerIdentity Identity(Customer customer, IdentityKind kind, string value) =>
        new() { WorkspaceId = customer.WorkspaceId, CustomerId = customer.Id, Kind = kind, Value = value, CreatedAt = Now };

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
