using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Core.Demo;
using Touchpoint.Core.Journeys.Analytics;
using Touchpoint.Core.Surveys;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Journeys;

/// <summary>The demo's default journey has something to show on every stage: scores on the map and a whole funnel.</summary>
[Collection(AppCollection.Name)]
public sealed class DemoJourneysTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task SeedDemo_DefaultJourneyMap_HasScoresAndEveryStageOfTheFunnel(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        await using var scope = app.Services.CreateAsyncScope();
        var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>()
            .SeedAsync(new DemoOptions { Customers = 40, Days = 30, AdminEmail = $"demo-{Guid.NewGuid():N}@example.test" });
        await using var inWorkspace = app.Services.CreateAsyncScope();
        inWorkspace.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(seeded.Workspace.Id);
        var db = inWorkspace.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        var journey = await db.Journeys.AsNoTracking().Include(j => j.Stages).ThenInclude(s => s.TouchPoints).SingleAsync(j => j.IsDefault);
        var workspace = await db.Workspaces.AsNoTracking().SingleAsync(w => w.Id == seeded.Workspace.Id);
        var now = DateTime.UtcNow;

        var map = await inWorkspace.ServiceProvider.GetRequiredService<JourneyAnalytics>()
            .ComputeAsync(workspace, journey, SurveyMetric.Nps, new JourneyPeriod(now.AddDays(-30), now.AddMinutes(1)));

        Assert.All(map.Funnel, step => Assert.True(step.Reached > 0, $"No demo customer reached {step.Stage}."));
        Assert.All(map.Funnel.SkipLast(1), step => Assert.True(step.WentOn > 0 && step.MedianTime > TimeSpan.Zero,
            $"No demo customer went on from {step.Stage}."));
        Assert.True(map.TouchPoints.Count(t => t.Score.IsReportable) >= 5, "Most touch points have enough answers for a score.");
        Assert.Contains(map.TouchPoints, t => t.Weakest);
    }
}
