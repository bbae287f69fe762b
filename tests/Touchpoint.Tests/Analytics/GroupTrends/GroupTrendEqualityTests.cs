using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Analytics;
using Touchpoint.Core.Analytics.GroupTrends;
using Touchpoint.Core.Analytics.Rollups;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Segments;
using Touchpoint.Core.Surveys;
using Touchpoint.Tests.Analytics.Metrics;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Analytics.GroupTrends;

/// <summary>
/// Trends per group from the rollups equal the raw definition for every grouping and several dimensions, in a
/// zone with a daylight-saving change inside the range, with edges mid-day and days left dirty after the rollups were built.
/// </summary>
public sealed class GroupTrendEqualityTests(RollupFixture fixture) : IClassFixture<RollupFixture>
{
    [Theory, OnSqlite, OnPostgres]
    public async Task RandomAnswers_TrendsPerGroupFromRollups_EqualTheRawComputation(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app, "Europe/Amsterdam");
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync("nps")).GetGuid("id");
        var (segments, points) = await workspace.QueryAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var made = Enumerable.Range(1, 3).Select(i => new Segment { Name = $"S{i}", Kind = SegmentKind.Static, CreatedAt = now, UpdatedAt = now }).ToList();
            db.Segments.AddRange(made);
            await db.SaveChangesAsync();
            return (made.Select(s => s.Id).ToList(), await db.TouchPoints.Select(t => t.Id).Take(3).ToListAsync());
        });
        var random = new Random(20261123);
        // 2026-10-25: clocks in Amsterdam go back an hour, inside the range.
        var start = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
        await AddRandomAsync(workspace, survey, segments, points, random, start, 400);
        await app.Services.GetRequiredService<RollupMaintainer>().CatchUpAsync();
        await AddRandomAsync(workspace, survey, segments, points, random, start, 30);

        await workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            var trends = services.GetRequiredService<GroupTrendService>();
            var current = await db.Workspaces.AsNoTracking().FirstAsync(w => w.Id == workspace.Id);
            var query = new MetricQuery(SurveyMetric.Nps, start.AddHours(7).AddMinutes(13), start.AddDays(40).AddHours(-5));
            // The rollups are ready, and the days written after they were built are dirty: both read paths are exercised.
            var dirty = await services.GetRequiredService<RollupReader>().DirtyDaysAsync(current, CancellationToken.None);
            Assert.NotNull(dirty);
            Assert.NotEmpty(dirty);
            foreach (var dimension in new[] { Dimension.Segment, Dimension.TouchPoint, Dimension.Channel, Dimension.Survey })
            {
                foreach (var grouping in Enum.GetValues<PeriodGrouping>())
                {
                    var raw = await trends.ComputeFromRawAsync(current, query, dimension, grouping, 1);
                    Assert.NotEmpty(raw);
                    Assert.Equal(JsonSerializer.Serialize(raw), JsonSerializer.Serialize(await trends.ComputeAsync(current, query, dimension, grouping, 1)));
                }
            }
        });
    }

    private static Task<int> AddRandomAsync(TestWorkspace workspace, Guid survey, List<Guid> segments, List<Guid> points, Random random,
        DateTime start, int count) =>
        workspace.QueryAsync(async db =>
        {
            for (var i = 0; i < count; i++)
            {
                var at = start.AddMinutes(random.Next(0, 41 * 24 * 60));
                var mine = segments.Where(_ => random.Next(2) == 0).Select(s => s.ToString("D")).Order(StringComparer.Ordinal).ToArray();
                db.Responses.Add(new Response
                {
                    SurveyId = survey,
                    Metric = SurveyMetric.Nps,
                    Score = random.Next(0, 11),
                    TouchPointId = points[random.Next(points.Count)],
                    Channel = (Channel)random.Next(3),
                    Snapshot = JsonSerializer.Serialize(new { segments = mine, persona = (string?)null }),
                    StartedAt = at,
                    SubmittedAt = at,
                });
            }

            return await db.SaveChangesAsync();
        });
}
