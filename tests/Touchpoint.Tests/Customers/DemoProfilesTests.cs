using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Demo;
using Touchpoint.Core.Segments;
using Touchpoint.Core.Tracking;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Customers;

/// <summary>The demo workspace's customers arrive with what the profile page shows: traits, places, events, rules.</summary>
[Collection(AppCollection.Name)]
public sealed class DemoProfilesTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task SeedDemo_GivesCustomersTraitsPlacesEventsAndRules(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        await using var scope = app.Services.CreateAsyncScope();
        var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>()
            .SeedAsync(new DemoOptions { Customers = 40, Days = 30, AdminEmail = $"demo-{Guid.NewGuid():N}@example.test" });
        await using var inWorkspace = app.Services.CreateAsyncScope();
        inWorkspace.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(seeded.Workspace.Id);
        var db = inWorkspace.ServiceProvider.GetRequiredService<TouchpointDbContext>();

        var customers = await db.Customers.ToListAsync();
        Assert.Equal(40, customers.Count);
        Assert.All(customers, c => Assert.True(c.City is not null && c.Latitude is not null && c.Longitude is not null && c.LastSeenAt is not null));
        Assert.Equal(11, await db.TraitDefinitions.CountAsync());
        Assert.True(await db.CustomerTraits.AnyAsync(t => t.Key == "interests"));
        Assert.True(await db.CustomerIdentities.AnyAsync(i => i.Kind == IdentityKind.AnonymousId));
        var sources = await db.Events.Select(e => e.Source).Distinct().ToListAsync();
        Assert.Equal([TrackingSource.Web, TrackingSource.App, TrackingSource.Store, TrackingSource.Sensor], sources.Order());
        Assert.False(await db.Events.AnyAsync(e => e.TouchPointId == null));
        Assert.True(await db.TouchPointMappings.CountAsync() >= 5);
        Assert.Equal(3, await db.Personas.CountAsync());
        Assert.True(await db.LifecycleRules.CountAsync() >= 5);
        var beta = await db.Segments.SingleAsync(s => s.Kind == SegmentKind.Static);
        Assert.Equal(beta.MemberCount, await db.SegmentMembers.CountAsync(m => m.SegmentId == beta.Id));
        Assert.All(await db.Segments.Where(s => s.Kind == SegmentKind.Dynamic).ToListAsync(), s => Assert.StartsWith("{\"type\":", s.Rule, StringComparison.Ordinal));
    }
}
