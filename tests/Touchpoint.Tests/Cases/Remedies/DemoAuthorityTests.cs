using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Cases.Remedies;
using Touchpoint.Core.Data;
using Touchpoint.Core.Demo;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Cases.Remedies;

/// <summary>The demo workspace shows empowerment out of the box: agents fix most problems themselves.</summary>
[Collection(AppCollection.Name)]
public sealed class DemoAuthorityTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task SeedDemo_GivesAgentsAndManagersTheirDefaultAuthority(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        await using var scope = app.Services.CreateAsyncScope();
        var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>()
            .SeedAsync(new DemoOptions { Customers = 40, Days = 30, AdminEmail = $"demo-{Guid.NewGuid():N}@example.test" });
        await using var inWorkspace = app.Services.CreateAsyncScope();
        inWorkspace.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(seeded.Workspace.Id);
        var authority = inWorkspace.ServiceProvider.GetRequiredService<Authority>();

        var agent = await authority.OfAsync(Guid.NewGuid(), WorkspaceRole.Agent);
        var manager = await authority.OfAsync(Guid.NewGuid(), WorkspaceRole.Manager);
        var owner = await authority.OfAsync(Guid.NewGuid(), WorkspaceRole.Owner);

        Assert.Equal([("credit", 50m), ("free-upgrade", (decimal?)null), ("refund", 100m)], agent.Select(l => (l.Kind, l.MaxAmount)));
        Assert.Equal(500m, manager.Single(l => l.Kind == RemedyKinds.Credit).MaxAmount);
        Assert.Contains(manager, l => l.Kind == RemedyKinds.Replacement);
        // The person trying the demo signs in as its owner: they may give what a manager may.
        Assert.Equal(manager.Select(l => (l.Kind, l.MaxAmount)), owner.Select(l => (l.Kind, l.MaxAmount)));
    }
}
