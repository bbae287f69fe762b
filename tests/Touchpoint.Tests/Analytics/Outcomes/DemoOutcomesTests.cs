using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Analytics.Outcomes;
using Touchpoint.Core.Data;
using Touchpoint.Core.Demo;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Analytics.Outcomes;

/// <summary>Its own app, so the demo is seeded with six months of history whatever other tests seeded.</summary>
public sealed class DemoOutcomesFixture : AppFixture;

[CollectionDefinition(Name)]
public sealed class DemoOutcomesCollection : ICollectionFixture<DemoOutcomesFixture>
{
    public const string Name = "demo-outcomes";
}

/// <summary>The demo's churn follows detractors, so its backtest shows a model that ranks churners first.</summary>
[Collection(DemoOutcomesCollection.Name)]
public sealed class DemoOutcomesTests(DemoOutcomesFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task SeedDemo_GivesABacktestWellAboveChance_AndPromotersWhoReferMoreThanDetractors(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        Guid workspaceId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>()
                .SeedAsync(new DemoOptions { Customers = 150, Days = 180, AdminEmail = $"demo-{Guid.NewGuid():N}@example.test" });
            workspaceId = seeded.Workspace.Id;
        }

        await using var inWorkspace = app.Services.CreateAsyncScope();
        inWorkspace.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(workspaceId);
        var fit = await inWorkspace.ServiceProvider.GetRequiredService<ChurnRiskService>().RecomputeAsync();
        var workspace = await inWorkspace.ServiceProvider.GetRequiredService<TouchpointDbContext>().Workspaces.FindAsync(workspaceId);
        var now = DateTime.UtcNow;
        var outcomes = await inWorkspace.ServiceProvider.GetRequiredService<OutcomesService>().ComputeAsync(workspace!, now.AddDays(-180), now);

        Assert.False(fit.PriorOnly);
        Assert.True(fit.Auc > 0.6, $"The demo's backtest AUC is {fit.Auc}.");
        Assert.True(fit.TopDecileLift > 1.2, $"The demo's top-decile lift is {fit.TopDecileLift}.");
        Assert.True(outcomes.Referrals.Sent > 0);
        Assert.True(outcomes.Referrals.PromoterRate > outcomes.Referrals.DetractorRate);
        Assert.InRange(outcomes.Churn.Rate!.Value, 10, 60);
        Assert.True(outcomes.Revenue.AtRiskDetractors > 0);
    }
}
