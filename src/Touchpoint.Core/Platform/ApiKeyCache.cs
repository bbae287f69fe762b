using Microsoft.Extensions.Caching.Memory;

namespace Touchpoint.Core.Platform;

/// <summary>
/// Active API keys by hash, held for a few seconds so that busy clients (every REST call, every
/// tracking event) do not cost a database read each. Revoking a key evicts it at once on the node
/// that revokes it; other nodes stop accepting it within <see cref="Lifetime"/>. Unknown keys are
/// never cached, so guessing cannot fill memory.
/// </summary>
public sealed class ApiKeyCache(IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    public bool TryGet(string hash, out ApiKey? key) => cache.TryGetValue(CacheKey(hash), out key);

    public void Set(ApiKey key) => cache.Set(CacheKey(key.Hash), key, Lifetime);

    public void Evict(string hash) => cache.Remove(CacheKey(hash));

    private static string CacheKey(string hash) => "apikey:" + hash;
}
