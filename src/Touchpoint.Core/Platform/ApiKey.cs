using Touchpoint.Core.Data;
using Touchpoint.Core.Tracking;

namespace Touchpoint.Core.Platform;

/// <summary>
/// A key for the REST or tracking API. Only a SHA-256 hash of the secret is stored: the secret has
/// 256 bits of entropy, so a fast hash is enough and lets every request be checked with one lookup.
/// </summary>
public sealed class ApiKey : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string Name { get; set; }
    public ApiKeyKind Kind { get; set; }
    /// <summary>For write keys: the source its events come from (web, app, store, sensor).</summary>
    public TrackingSource? Source { get; set; }
    /// <summary>The first characters of the key, shown in lists so people can tell keys apart.</summary>
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    public List<string> Scopes { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    public bool IsActive => RevokedAt is null;
}
