using System.Collections.Concurrent;

namespace Touchpoint.Core.Data;

/// <summary>
/// A per-node memory of rows that hot paths read on every request (live surveys, webhook
/// subscriptions), kept for the given lifetime. A change saved on this node forgets the entry at
/// once; other nodes see it within the lifetime.
/// A reader that loaded a value before a change was saved must not store it after: it takes a
/// <see cref="Stamp"/> before reading the database and <see cref="Remember"/> drops the value when
/// anything was forgotten since.
/// </summary>
public sealed class ShortLivedCache<TKey, TValue>(TimeProvider clock, TimeSpan lifetime) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private long _forgettings;

    private readonly record struct Entry(TValue Value, long ExpiresAt);

    public bool TryGet(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            if (entry.ExpiresAt > clock.GetTimestamp())
            {
                value = entry.Value;
                return true;
            }

            _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));
        }

        value = default!;
        return false;
    }

    /// <summary>Take before reading the database; pass to <see cref="Remember"/>.</summary>
    public long Stamp => Interlocked.Read(ref _forgettings);

    /// <summary>Stores a value read after <paramref name="stamp"/> was taken, unless something was forgotten since.</summary>
    public void Remember(TKey key, TValue value, long stamp)
    {
        var expiresAt = clock.GetTimestamp() + (long)(lifetime.TotalSeconds * clock.TimestampFrequency);
        _entries[key] = new Entry(value, expiresAt);
        if (Stamp != stamp)
        {
            // A change was saved while the value was read: it may be stale.
            _entries.TryRemove(key, out _);
        }
    }

    public void Forget(TKey key)
    {
        Interlocked.Increment(ref _forgettings);
        _entries.TryRemove(key, out _);
    }

    public void ForgetWhere(Func<TKey, bool> match)
    {
        Interlocked.Increment(ref _forgettings);
        foreach (var key in _entries.Keys.Where(match))
        {
            _entries.TryRemove(key, out _);
        }
    }
}
