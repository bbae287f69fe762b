using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Analytics;
using Touchpoint.Core.Analytics.Rollups;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Surveys;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Analytics.Metrics;

/// <summary>
/// A process that stops loses no rollup work: marks are rows committed with the answers, and a rebuild keeps
/// its cursor. A second maintainer (a restarted process) finishes what the first began.
/// </summary>
public sealed class RollupRestartTests(RollupFixture fixture) : IClassFixture<RollupFixture>
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Rebuild_StoppedAfterOneRange_IsFinishedByARestartedMaintainerAndEqualsRaw(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app, "Asia/Tokyo");
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync("nps")).GetGuid("id");
        var now = DateTime.UtcNow;
        // 60 answers over 30 days, scores 0..10 in turn, then the rollup state is dropped: data from before rollups.
        await workspace.QueryAsync(async db =>
        {
            db.Responses.AddRange(Enumerable.Range(0, 60).Select(i => new Response
            {
                SurveyId = survey,
                Metric = SurveyMetric.Nps,
                Score = i % 11,
                StartedAt = now.AddHours(-12 * i),
                SubmittedAt = now.AddHours(-12 * i),
            }));
            return await db.SaveChangesAsync();
        });
        var marksAfterInsert = await workspace.QueryAsync(db => db.RollupMarks.CountAsync(m => m.WorkspaceId == workspace.Id));
        var first = app.Services.GetRequiredService<RollupMaintainer>();
        await first.CatchUpAsync();
        await workspace.QueryAsync(db => db.RollupStates.Where(s => s.WorkspaceId == workspace.Id).ExecuteDeleteAsync());

        // The first process writes one range of days, then stops.
        RollupState? halfway = null;
        while (halfway?.RebuiltThrough is null)
        {
            Assert.True(await first.StepAsync(CancellationToken.None));
            halfway = await workspace.QueryAsync(db => db.RollupStates.AsNoTracking().FirstOrDefaultAsync(s => s.WorkspaceId == workspace.Id));
        }

        var restarted = ActivatorUtilities.CreateInstance<RollupMaintainer>(app.Services);
        await restarted.CatchUpAsync();

        var (ready, rolledUp) = await workspace.QueryAsync(async db => (
            await db.RollupStates.AnyAsync(s => s.WorkspaceId == workspace.Id && s.Ready),
            await db.MetricRollups.Where(r => r.WorkspaceId == workspace.Id && r.Dimension == RollupDimensions.Total).SumAsync(r => r.N)));
        var (fromRollups, fromRaw) = await workspace.InWorkspaceAsync(async services =>
        {
            var metrics = services.GetRequiredService<MetricsService>();
            var current = await services.GetRequiredService<TouchpointDbContext>().Workspaces.AsNoTracking().FirstAsync(w => w.Id == workspace.Id);
            var query = new MetricQuery(SurveyMetric.Nps, now.AddDays(-40), now.AddMinutes(1), PeriodGrouping.Week);
            return (System.Text.Json.JsonSerializer.Serialize(await metrics.ComputeAsync(current, query)),
                System.Text.Json.JsonSerializer.Serialize(await metrics.ComputeFromRawAsync(current, query)));
        });

        Assert.True(marksAfterInsert > 0, "Answers committed without a maintainer leave their marks behind.");
        Assert.False(halfway!.Ready);
        Assert.True(ready);
        Assert.Equal(60, rolledUp);
        Assert.Equal(fromRaw, fromRollups);
    }
}
