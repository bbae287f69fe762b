using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics.Dashboards;
using Touchpoint.Core.Data;

namespace Touchpoint.Web.Analytics.Dashboards;

/// <summary>
/// Read-only share links: the token is the link's id signed (and encrypted) by the host's key ring, which
/// every node shares, so a forged or altered token does not open; the row makes it expire and be revocable.
/// </summary>
internal sealed class ShareLinks(IDataProtectionProvider protection, TouchpointDbContext db, TimeProvider clock)
{
    public const int MaxDays = 365;
    private readonly IDataProtector _protector = protection.CreateProtector("Touchpoint.Dashboards.ShareLinks.v1");

    public string Token(DashboardShareLink link) => _protector.Protect(link.Id.ToString("N"));

    public DashboardShareLink Create(Guid dashboardId, int days, string actor)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var link = new DashboardShareLink { DashboardId = dashboardId, CreatedBy = actor, CreatedAt = now, ExpiresAt = now.AddDays(days) };
        db.DashboardShareLinks.Add(link);
        return link;
    }

    /// <summary>
    /// The live link a token opens, across workspaces (the caller has none yet), or null: forged, altered,
    /// expired, revoked, or its dashboard deleted all look the same to the visitor.
    /// </summary>
    public async Task<DashboardShareLink?> OpenAsync(string token, CancellationToken ct)
    {
        Guid id;
        try
        {
            id = Guid.ParseExact(_protector.Unprotect(token), "N");
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return null;
        }

        var link = await db.DashboardShareLinks.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        return link is not null && link.IsLive(clock.GetUtcNow().UtcDateTime) ? link : null;
    }
}
