using Touchpoint.Core.Data;

namespace Touchpoint.Core.Analytics.Dashboards;

/// <summary>
/// A read-only link to one dashboard for people without an account: <c>/shared/{token}</c>, the token the
/// host's key ring signs over this row's id. It works until <see cref="ExpiresAt"/> or until revoked;
/// the row is what makes it revocable (the signature alone could not be taken back).
/// </summary>
public sealed class DashboardShareLink : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid DashboardId { get; set; }
    /// <summary>Who made it (the audit log's actor text).</summary>
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    public bool IsLive(DateTime now) => RevokedAt is null && now < ExpiresAt;
}
