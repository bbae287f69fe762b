using System.Collections.Concurrent;
using Touchpoint.Core.Customers;

namespace Touchpoint.Core.Tracking;

/// <summary>
/// Which profile a user id points at, and whether that customer allows tracking, remembered for
/// <see cref="Lifetime"/>: a site sends many events per user, and reading the profile for each was
/// most of a single event's cost. Only plain events (track, page, screen with a user id and no
/// anonymous id) use it; identify, group and alias always read the profile.
/// A change on this node evicts the workspace's entries at once (<see cref="KnownUsersEviction"/>);
/// other nodes see it within the lifetime. An entry that points at a profile since merged or
/// deleted is harmless: the event's write fails on the foreign key and is re-resolved.
/// Each entry lives a random time between half the lifetime and all of it: users first seen in one
/// burst (a campaign, a node's restart) would otherwise all expire together and every event of the
/// next second would read its profile again, a stall that recurs every lifetime.
/// </summary>
public sealed class KnownUsers(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    /// <summary>Per workspace, so a change evicts one workspace's entries without touching the others'.</summary>
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, Entry>> _workspaces = new();

    public readonly record struct Entry(Guid CustomerId, bool? TrackingConsent, long ExpiresAt);

    public bool TryGet(Guid workspaceId, string userId, out Entry entry)
    {
        if (_workspaces.TryGetValue(workspaceId, out var users) && users.TryGetValue(userId, out entry))
        {
            if (entry.ExpiresAt > clock.GetTimestamp())
            {
                return true;
            }

            users.TryRemove(new KeyValuePair<string, Entry>(userId, entry));
        }

        entry = default;
        return false;
    }

    public void Remember(Guid workspaceId, string userId, Customer customer)
    {
        var lifetime = Lifetime.TotalSeconds * (0.5 + 0.5 * Random.Shared.NextDouble());
        var expiresAt = clock.GetTimestamp() + (long)(lifetime * clock.TimestampFrequency);
        _workspaces.GetOrAdd(workspaceId, _ => new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal))[userId] =
            new Entry(customer.Id, customer.Consent.Tracking, expiresAt);
    }

    /// <summary>Forgets every user of the workspace: called when any of its profiles changes an id, its consent, or goes.</summary>
    public void Forget(Guid workspaceId) => _workspaces.TryRemove(workspaceId, out _);
}
