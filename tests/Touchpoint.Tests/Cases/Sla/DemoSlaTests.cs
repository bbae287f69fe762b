using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Core.Demo;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Cases.Sla;

[Collection(SlaCollection.Name)]
public sealed class DemoSlaTests(SlaFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task SeedDemo_GivesAPolicyPerPriority_InOfficeHoursOfTheWorkspaceZone(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        await using var scope = app.Services.CreateAsyncScope();
        var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>()
            .SeedAsync(new DemoOptions { Customers = 40, Days = 30, AdminEmail = $"demo-{Guid.NewGuid():N}@example.test" });
        await using var inWorkspace = app.Services.CreateAsyncScope();
        inWorkspace.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(seeded.Workspace.Id);
        var db = inWorkspace.ServiceProvider.GetRequiredService<TouchpointDbContext>();

        var policies = (await db.SlaPolicies.ToListAsync()).ToDictionary(p => p.Priority);

        Assert.Equal(4, policies.Count);
        Assert.Equal((60, 480), (policies[CasePriority.Urgent].FirstResponseMinutes, policies[CasePriority.Urgent].ResolutionMinutes));
        Assert.Equal((240, 960), (policies[CasePriority.High].FirstResponseMinutes, policies[CasePriority.High].ResolutionMinutes));
        Assert.Equal((480, 2400), (policies[CasePriority.Normal].FirstResponseMinutes, policies[CasePriority.Normal].ResolutionMinutes));
        Assert.Equal((960, 4800), (policies[CasePriority.Low].FirstResponseMinutes, policies[CasePriority.Low].ResolutionMinutes));
        var hours = BusinessHours.FromJson(policies[CasePriority.Normal].BusinessHours)!;
        Assert.Equal(seeded.Workspace.TimeZone, hours.TimeZone);
        Assert.Equal(5, hours.Days.Count);
        Assert.NotNull(policies[CasePriority.Urgent].EscalateToUserId);
    }
}
