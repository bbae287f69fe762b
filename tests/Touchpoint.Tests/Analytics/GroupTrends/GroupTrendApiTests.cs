using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Analytics;
using Touchpoint.Core.Analytics.GroupTrends;
using Touchpoint.Core.Analytics.Rollups;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Segments;
using Touchpoint.Core.Surveys;
using Touchpoint.Tests.Analytics.Metrics;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Analytics.GroupTrends;

/// <summary>
/// GET /api/v1/metrics/{metric}?groupBy=week&amp;breakdown=segment: each group's own weekly trend, read from the
/// rollups for whole clean days and from raw rows for the range's partial edge day and a dirty day, equal to the
/// raw computation, with hand-computed scores. The maintainer is stepped by the test (<see cref="RollupFixture"/>).
/// </summary>
public sealed class GroupTrendApiTests(RollupFixture fixture) : IClassFixture<RollupFixture>
{
    private const int Precision = 4;

    [Theory, OnSqlite, OnPostgres]
    public async Task TrendBySegment_WeeklyPerSegment_MatchesHandComputedScoresAndTheRawComputation(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        var other = await TestWorkspace.CreateAsync(app);
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync("nps")).GetGuid("id");
        var theirSurvey = (await other.Client().CreateSurveyAsync("nps")).GetGuid("id");
        var (a, b) = await workspace.QueryAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var made = (new Segment { Name = "<b>x</b>", Kind = SegmentKind.Static, CreatedAt = now, UpdatedAt = now },
                new Segment { Name = "=Busy", Kind = SegmentKind.Static, CreatedAt = now, UpdatedAt = now });
            db.Segments.AddRange(made.Item1, made.Item2);
            await db.SaveChangesAsync();
            return (made.Item1.Id, made.Item2.Id);
        });

        // Two whole weeks (Monday to Monday, UTC) that ended at least a week ago.
        var today = DateTime.UtcNow.Date;
        var week1 = today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 21);
        var week2 = week1.AddDays(7);
        // Week 1. A only, Monday 18:00 (in the partial edge day: read raw): 6 x 10, 2 x 8, 2 x 3.
        await AddAsync(workspace, survey, week1.AddHours(18), [10, 10, 10, 10, 10, 10, 8, 8, 3, 3], a);
        // A and B, Wednesday (rollups): 5 x 10, 5 x 3.
        await AddAsync(workspace, survey, week1.AddDays(2).AddHours(12), [10, 10, 10, 10, 10, 3, 3, 3, 3, 3], a, b);
        // B only, Thursday: 2 x 9, 3 x 7, 5 x 0.
        await AddAsync(workspace, survey, week1.AddDays(3).AddHours(12), [9, 9, 7, 7, 7, 0, 0, 0, 0, 0], b);
        // Week 2. A only, Tuesday: 4 x 10 (too few). B only, Wednesday: 10 x 10.
        await AddAsync(workspace, survey, week2.AddDays(1).AddHours(9), [10, 10, 10, 10], a);
        await AddAsync(workspace, survey, week2.AddDays(2).AddHours(9), Enumerable.Repeat(10, 10), b);
        // Another workspace's answers naming our segment ids are invisible to us.
        await AddAsync(other, theirSurvey, week2.AddDays(2).AddHours(9), Enumerable.Repeat(0, 30), a, b);
        await app.Services.GetRequiredService<RollupMaintainer>().CatchUpAsync();
        // Written after the rollups were built: B's Thursday of week 2 is dirty and read raw. B: 1 x 2.
        await AddAsync(workspace, survey, week2.AddDays(3).AddHours(9), [2], b);

        var range = $"from={Api.Query(week1.AddHours(12))}&to={Api.Query(week2.AddDays(7))}";
        var nps = await client.GetJsonAsync($"/api/v1/metrics/nps?{range}&groupBy=week&breakdown=segment");

        var groups = nps.GetProperty("breakdown").EnumerateArray().ToList();
        Assert.Equal([b.ToString("D"), a.ToString("D")], groups.Select(g => g.GetString("key")));
        var (gb, ga) = (groups[0], groups[1]);
        // B: week 1 = 20 answers, 7 promoters, 10 detractors -> 100 x -3 / 20 = -15; week 2 = 11 answers, 10 promoters,
        // 1 detractor -> 100 x 9 / 11 = 81.8182; overall 31 answers, 17 promoters, 11 detractors -> 100 x 6 / 31 = 19.3548.
        Assert.Equal(31, gb.GetProperty("n").GetInt32());
        Assert.Equal(19.3548, gb.GetProperty("score").GetDouble(), Precision);
        Assert.Equal("=Busy", gb.GetString("label"));
        var bPeriods = gb.GetProperty("periods").EnumerateArray().ToList();
        Assert.Equal([DateOnly.FromDateTime(week1).ToString("yyyy-MM-dd"), DateOnly.FromDateTime(week2).ToString("yyyy-MM-dd")],
            bPeriods.Select(p => p.GetString("period")));
        Assert.Equal(20, bPeriods[0].GetProperty("n").GetInt32());
        Assert.Equal(-15, bPeriods[0].GetProperty("score").GetDouble(), Precision);
        Assert.Equal(11, bPeriods[1].GetProperty("n").GetInt32());
        Assert.Equal(81.8182, bPeriods[1].GetProperty("score").GetDouble(), Precision);
        // A: week 1 = 20 answers, 11 promoters, 2 passives, 7 detractors -> 100 x 4 / 20 = 20; margin: variance
        // p + d - (p - d)^2 = 0.55 + 0.35 - 0.04 = 0.86, 1.96 x 100 x sqrt(0.86 / 20) = 40.6434.
        // Week 2 = 4 answers: too few for a score. Overall 24 answers, 15 promoters, 7 detractors -> 100 x 8 / 24 = 33.3333.
        Assert.Equal("<b>x</b>", ga.GetString("label"));
        Assert.Equal(24, ga.GetProperty("n").GetInt32());
        Assert.Equal(33.3333, ga.GetProperty("score").GetDouble(), Precision);
        var aPeriods = ga.GetProperty("periods").EnumerateArray().ToList();
        Assert.Equal(20, aPeriods[0].GetProperty("n").GetInt32());
        Assert.Equal(20, aPeriods[0].GetProperty("score").GetDouble(), Precision);
        Assert.Equal(40.6434, aPeriods[0].GetProperty("marginOfError").GetDouble(), Precision);
        Assert.Equal(4, aPeriods[1].GetProperty("n").GetInt32());
        Assert.True(aPeriods[1].IsNull("score"));
        // The overall trend is unchanged: 45 distinct answers (the 10 in both segments once), 30 in week 1 and 15 in week 2.
        Assert.Equal(45, nps.GetProperty("n").GetInt32());
        Assert.Equal([30, 15], nps.GetProperty("groups").EnumerateArray().Select(p => p.GetProperty("n").GetInt32()));

        // The rollup-backed answer equals the raw definition, group by group and week by week.
        await workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            var trends = services.GetRequiredService<GroupTrendService>();
            var current = await db.Workspaces.AsNoTracking().FirstAsync(w => w.Id == workspace.Id);
            var query = new MetricQuery(SurveyMetric.Nps, week1.AddHours(12), week2.AddDays(7));
            // Rollups ready, one dirty day: the answer above came from rollups, the edge day and the dirty day.
            var dirty = await services.GetRequiredService<RollupReader>().DirtyDaysAsync(current, CancellationToken.None);
            Assert.Equal([DateOnly.FromDateTime(week2.AddDays(3))], dirty!);
            Assert.Equal(JsonSerializer.Serialize(await trends.ComputeFromRawAsync(current, query, Dimension.Segment, PeriodGrouping.Week)),
                JsonSerializer.Serialize(await trends.ComputeAsync(current, query, Dimension.Segment, PeriodGrouping.Week)));
        });
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TrendBySegment_CsvAndBackwardsCompatibility_OneRowPerGroupAndWeekAndNoPeriodsWithoutGroupBy(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync("nps")).GetGuid("id");
        var segment = await workspace.QueryAsync(async db =>
        {
            var made = new Segment { Name = "=Formula", Kind = SegmentKind.Static, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Segments.Add(made);
            await db.SaveChangesAsync();
            return made.Id;
        });
        var today = DateTime.UtcNow.Date;
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 14);
        await AddAsync(workspace, survey, monday.AddDays(1), [10, 10, 10, 10, 10, 10, 10, 10, 10, 3], segment);
        await AddAsync(workspace, survey, monday.AddDays(8), [10, 3], segment);
        var range = $"from={Api.Query(monday)}&to={Api.Query(monday.AddDays(14))}";

        var csv = await client.GetAsync($"/api/v1/metrics/nps?{range}&groupBy=week&breakdown=segment&format=csv");
        var plain = await client.GetJsonAsync($"/api/v1/metrics/nps?{range}&breakdown=segment");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // Week 1: 9 promoters, 1 detractor of 10 -> 80; week 2: 2 answers, too few.
        Assert.Equal(
            ["segment,label,period,n,score,margin_of_error",
             $"{segment:D},'=Formula,{DateOnly.FromDateTime(monday):yyyy-MM-dd},10,80,{1.96 * 100 * Math.Sqrt((0.9 + 0.1 - 0.64) / 10):0.##}",
             $"{segment:D},'=Formula,{DateOnly.FromDateTime(monday.AddDays(7)):yyyy-MM-dd},2,too few answers,"],
            lines);
        // Without groupBy the breakdown items have no periods at all, as before.
        Assert.False(plain.GetProperty("breakdown")[0].TryGetProperty("periods", out _));
        Assert.Equal(12, plain.GetProperty("breakdown")[0].GetProperty("n").GetInt32());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TrendByGroup_BadBreakdownOrGrouping_AreFieldErrors(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        await Problem.AssertFieldAsync(await client.GetAsync("/api/v1/metrics/nps?groupBy=week&breakdown=nonsense"), HttpStatusCode.BadRequest, "breakdown");
        await Problem.AssertFieldAsync(await client.GetAsync("/api/v1/metrics/nps?groupBy=fortnight&breakdown=segment"), HttpStatusCode.BadRequest, "groupBy");
        await Problem.AssertFieldAsync(await client.GetAsync("/api/v1/metrics/nps?groupBy=1&breakdown=segment"), HttpStatusCode.BadRequest, "groupBy");
    }

    /// <summary>Completed NPS answers a minute apart from <paramref name="at"/>, each with a snapshot naming the segments (ordered, as ResponseSnapshot writes them).</summary>
    private static Task<int> AddAsync(TestWorkspace workspace, Guid survey, DateTime at, IEnumerable<int> scores, params Guid[] segments) =>
        workspace.QueryAsync(async db =>
        {
            var snapshot = JsonSerializer.Serialize(new
            {
                segments = segments.Select(s => s.ToString("D")).Order(StringComparer.Ordinal).ToArray(),
                persona = (string?)null,
            });
            db.Responses.AddRange(scores.Select((score, i) => new Response
            {
                SurveyId = survey,
                Metric = SurveyMetric.Nps,
                Score = score,
                Snapshot = snapshot,
                StartedAt = at.AddMinutes(i),
                SubmittedAt = at.AddMinutes(i),
            }));
            return await db.SaveChangesAsync();
        });
}
