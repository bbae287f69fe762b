using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Cases.Remedies;

/// <summary>The demo workspace's authority: agents fix most problems themselves; managers, admins and owners (the person trying the demo) more.</summary>
public static class DemoAuthority
{
    public static void Add(TouchpointDbContext db, DateTime now)
    {
        (WorkspaceRole Role, string Kind, decimal? Max)[] limits =
        [
            (WorkspaceRole.Agent, RemedyKinds.Credit, 50m),
            (WorkspaceRole.Agent, RemedyKinds.Refund, 100m),
            (WorkspaceRole.Agent, RemedyKinds.FreeUpgrade, null),
            (WorkspaceRole.Manager, RemedyKinds.Credit, 500m),
            (WorkspaceRole.Manager, RemedyKinds.Refund, 1000m),
            (WorkspaceRole.Manager, RemedyKinds.FreeUpgrade, null),
            (WorkspaceRole.Manager, RemedyKinds.Replacement, null),
        ];
        var leads = limits.Where(l => l.Role == WorkspaceRole.Manager)
            .SelectMany(l => new[] { l with { Role = WorkspaceRole.Admin }, l with { Role = WorkspaceRole.Owner } });
        db.AuthorityLimits.AddRange(limits.Concat(leads).Select(l => new AuthorityLimit { Role = l.Role, Kind = l.Kind, MaxAmount = l.Max, UpdatedAt = now }));
    }
}
