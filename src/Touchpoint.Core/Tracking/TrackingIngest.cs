using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Tracking;

/// <summary>
/// Stores checked tracking messages for one write key: resolves each to a customer, applies traits,
/// skips duplicates and events of customers who said no to tracking, and writes the events through
/// the group-commit writer. Returns only once every stored event is committed.
/// Runs in a scope that acts in the key's workspace.
/// </summary>
public sealed class TrackingIngest(
    TouchpointDbContext db,
    IdentityResolver identities,
    TouchPointMatcher touchPoints,
    GroupCommitWriter writer,
    CustomerChanges changes,
    LastSeenRecorder lastSeen,
    KnownUsers knownUsers,
    TimeProvider clock)
{
    /// <summary>What happened to the messages: stored, acknowledged as duplicates, or acknowledged but not kept (no tracking consent).</summary>
    public sealed record Outcome(int Stored, int Duplicates, int NotConsented);

    private sealed record Pending(TrackedEvent Event, TrackingMessage Message);

    /// <param name="receivedAt">When the request arrived: the messages' times were corrected against it.</param>
    public async Task<Outcome> IngestAsync(Guid workspaceId, TrackingSource source, IReadOnlyList<TrackingMessage> messages,
        DateTime receivedAt, CancellationToken ct = default)
    {
        // A single message skips the look-up: the unique message id index catches a repeat at the
        // write (RecoverAsync), and one query fewer per call is most of a single event's cost.
        var fresh = messages.Count == 1 ? messages : await DropDuplicatesAsync(messages, ct);
        var duplicates = messages.Count - fresh.Count;
        await identities.PrefetchAsync(fresh.Where(m => m.Type != EventType.Alias && m.UserId is not null && m.AnonymousId is null
            && !(IsPlainEvent(m) && knownUsers.TryGet(workspaceId, m.UserId, out _))).Select(m => m.UserId!).ToHashSet(StringComparer.Ordinal), ct);
        var notConsented = 0;
        var customers = new Dictionary<(string?, string?), Customer>();
        var pending = new List<Pending>(fresh.Count);
        foreach (var message in fresh)
        {
            var (customerId, trackingConsent) = await ProfileOfAsync(workspaceId, message, customers, ct);
            if (trackingConsent == false && message.Type is EventType.Track or EventType.Page or EventType.Screen)
            {
                notConsented++;
                continue;
            }

            var channel = TrackingChannels.Of(source, message.ContextChannel);
            pending.Add(new Pending(new TrackedEvent
            {
                WorkspaceId = workspaceId,
                CustomerId = customerId,
                MessageId = message.MessageId,
                Type = message.Type,
                Name = message.Name,
                Properties = message.Payload.ToJsonString(),
                Context = message.Context,
                Source = source,
                Channel = channel,
                TouchPointId = await touchPoints.MatchAsync(workspaceId, source, message.Type, message.Name, message.Path, ct),
                OccurredAt = message.OccurredAt,
                ReceivedAt = receivedAt,
            }, message));
        }

        foreach (var p in pending)
        {
            // A later message of this batch may have merged the profile an earlier one resolved to.
            p.Event.CustomerId = identities.Current(p.Event.CustomerId);
        }

        // All at once: the writer commits them together, and the caller hears back after the commit.
        var failures = await Task.WhenAll(pending.Select(p => WriteAsync(p.Event, ct)));
        var written = new bool[pending.Count];
        for (var i = 0; i < pending.Count; i++)
        {
            written[i] = failures[i] is null || await RecoverAsync(pending[i], failures[i]!, ct);
        }

        duplicates += written.Count(stored => !stored);

        var touched = pending.Where((_, i) => written[i]).Select(p => p.Event.CustomerId)
            .Concat(customers.Values.Select(c => c.Id)).Select(identities.Current).Distinct().ToList();
        foreach (var customerId in touched)
        {
            lastSeen.Record(customerId, receivedAt);
            changes.Notify(workspaceId, customerId);
        }

        return new Outcome(written.Count(stored => stored), duplicates, notConsented);
    }

    /// <summary>Drops repeats within the batch and messages already stored: a sender's retry is acknowledged, not stored twice.</summary>
    private async Task<List<TrackingMessage>> DropDuplicatesAsync(IReadOnlyList<TrackingMessage> messages, CancellationToken ct)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = messages.Where(m => seen.Add(m.MessageId)).ToList();
        var ids = unique.Select(m => m.MessageId).ToList();
        var stored = (await db.Events.AsNoTracking().Where(e => ids.Contains(e.MessageId)).Select(e => e.MessageId).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        return unique.Where(m => !stored.Contains(m.MessageId)).ToList();
    }

    /// <summary>track, page or screen by a known user only: what <see cref="KnownUsers"/> may answer.</summary>
    private static bool IsPlainEvent(TrackingMessage message) =>
        message.Type is EventType.Track or EventType.Page or EventType.Screen && message.UserId is not null && message.AnonymousId is null;

    /// <summary>The customer a message is about and their tracking consent; applies identify and group traits.</summary>
    private async Task<(Guid CustomerId, bool? TrackingConsent)> ProfileOfAsync(Guid workspaceId, TrackingMessage message,
        Dictionary<(string?, string?), Customer> customers, CancellationToken ct)
    {
        if (IsPlainEvent(message) && knownUsers.TryGet(workspaceId, message.UserId!, out var known))
        {
            return (known.CustomerId, known.TrackingConsent);
        }

        var customer = await ResolveAsync(message, customers, ct);
        if (message.Type is EventType.Identify or EventType.Group)
        {
            await ApplyTraitsAsync(customer, message, ct);
        }
        else if (IsPlainEvent(message))
        {
            knownUsers.Remember(workspaceId, message.UserId!, customer);
        }

        return (customer.Id, customer.Consent.Tracking);
    }

    private async Task<Customer> ResolveAsync(TrackingMessage message, Dictionary<(string?, string?), Customer> customers,
        CancellationToken ct)
    {
        if (message.Type == EventType.Alias)
        {
            var aliased = await identities.AliasAsync(message.PreviousId!, message.UserId!, ct);
            // Profiles may have merged: what this request remembered may point at a deleted one.
            customers.Clear();
            customers[(message.UserId, null)] = aliased;
            return aliased;
        }

        var key = (message.UserId, message.AnonymousId);
        if (customers.TryGetValue(key, out var known))
        {
            return known;
        }

        var customer = await identities.ResolveAsync(message.UserId, message.AnonymousId, ct);
        if (message.UserId is not null && message.AnonymousId is not null)
        {
            customers.Clear();
        }

        customers[key] = customer;
        return customer;
    }

    /// <summary>
    /// identify traits, or group traits under <c>company</c> (with the group's id) and <c>groupId</c>.
    /// A bad well-known trait (country "Narnia") is skipped; the rest, and the event, are kept.
    /// </summary>
    private async Task ApplyTraitsAsync(Customer customer, TrackingMessage message, CancellationToken ct)
    {
        JsonObject traits;
        if (message.Type == EventType.Group)
        {
            var company = (JsonObject)message.Payload.DeepClone();
            company["id"] = message.Name;
            traits = new JsonObject { ["company"] = company, ["groupId"] = message.Name };
        }
        else
        {
            traits = message.Payload;
        }

        if (traits.Count == 0)
        {
            return;
        }

        if (db.Entry(customer).State == EntityState.Detached)
        {
            // A retried resolution cleared the change tracker since this profile was read.
            db.Customers.Attach(customer);
        }

        ProfileTraits.Apply(customer, traits);
        customer.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await ProfileTraits.SyncIndexAsync(db, customer, isNew: false, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Null when committed; the failure otherwise (handled afterwards, one at a time, since it needs the context).</summary>
    private async Task<DbUpdateException?> WriteAsync(TrackedEvent trackedEvent, CancellationToken ct)
    {
        try
        {
            await writer.WriteAsync(trackedEvent, ct);
            return null;
        }
        catch (DbUpdateException ex)
        {
            return ex;
        }
    }

    /// <summary>
    /// A write that failed: false when a concurrent request stored the same message first (a
    /// duplicate, acknowledged); true when the profile had been merged away while the event queued
    /// and the event is now written to the profile the ids point at.
    /// </summary>
    private async Task<bool> RecoverAsync(Pending pending, DbUpdateException failure, CancellationToken ct)
    {
        var messageId = pending.Event.MessageId;
        if (await db.Events.AsNoTracking().AnyAsync(e => e.MessageId == messageId, ct))
        {
            return false;
        }

        var customerId = pending.Event.CustomerId;
        if (await db.Customers.AsNoTracking().AnyAsync(c => c.Id == customerId, ct))
        {
            throw new InvalidOperationException($"Tracking event {messageId} could not be stored.", failure);
        }

        // Another node merged or deleted the profile: what this node remembers of the workspace is stale.
        knownUsers.Forget(pending.Event.WorkspaceId);
        db.ChangeTracker.Clear();
        var customer = await identities.ResolveAsync(pending.Message.UserId, pending.Message.AnonymousId, ct);
        pending.Event.Id = 0;
        pending.Event.CustomerId = customer.Id;
        await writer.WriteAsync(pending.Event, ct);
        return true;
    }
}
