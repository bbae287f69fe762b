using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Tracking;

namespace Touchpoint.Core.Platform;

/// <summary>Creates, finds and revokes API keys. The plain key is returned once, at creation.</summary>
public sealed class ApiKeyService(TouchpointDbContext db, AuditLog audit, ApiKeyCache cache, TimeProvider clock)
{
    public const string RestPrefix = "tp_key_";
    public const string WritePrefix = "tp_write_";

    public sealed record CreatedKey(ApiKey Key, string PlainKey);

    /// <summary>
    /// Adds a key to the current workspace and saves. <paramref name="plainKey"/> is for bootstrap only.
    /// A write key belongs to a <paramref name="source"/> (web when not given); a REST key to none.
    /// </summary>
    public async Task<CreatedKey> CreateAsync(string name, ApiKeyKind kind, IEnumerable<string> scopes, string actor,
        Guid? createdBy = null, string? plainKey = null, TrackingSource? source = null, CancellationToken ct = default)
    {
        var plain = plainKey ?? (kind == ApiKeyKind.Write ? WritePrefix : RestPrefix) + SecretTokens.Create();
        var key = new ApiKey
        {
            Name = name,
            Kind = kind,
            Source = kind == ApiKeyKind.Write ? source ?? TrackingSource.Web : null,
            Prefix = plain[..Math.Min(plain.Length, 14)],
            Hash = SecretTokens.Hash(plain),
            Scopes = kind == ApiKeyKind.Write ? [] : scopes.Distinct().ToList(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedByUserId = createdBy,
        };
        db.ApiKeys.Add(key);
        audit.Record(actor, "apikey.created", $"apikey:{key.Prefix}", kind == ApiKeyKind.Write ? $"Write key \"{name}\" for {key.Source}" : $"{kind} key \"{name}\"");
        await db.SaveChangesAsync(ct);
        return new CreatedKey(key, plain);
    }

    /// <summary>
    /// Finds an active key in any workspace: this runs before the request knows its workspace.
    /// Served from <see cref="ApiKeyCache"/> when the key was seen in the last few seconds.
    /// </summary>
    public async Task<ApiKey?> FindActiveAsync(string plainKey, CancellationToken ct = default)
    {
        var hash = SecretTokens.Hash(plainKey);
        if (cache.TryGet(hash, out var cached))
        {
            return cached;
        }

        var key = await db.ApiKeys.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null, ct);
        if (key is not null)
        {
            cache.Set(key);
        }

        return key;
    }

    public async Task<bool> RevokeAsync(Guid id, string actor, CancellationToken ct = default)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null || key.RevokedAt is not null)
        {
            return false;
        }

        key.RevokedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(actor, "apikey.revoked", $"apikey:{key.Prefix}", $"\"{key.Name}\"");
        await db.SaveChangesAsync(ct);
        cache.Evict(key.Hash);
        return true;
    }
}
