using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Analytics;
using Touchpoint.Core.Analytics.Rollups;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Segments;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Text.Storage;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Analytics.Metrics;

/// <summary>
/// The daily rollups answer exactly what the raw rows answer, whatever happened to the answers: a few hundred
/// random inserts, completions of partial answers, score, time and snapshot updates, deletes, topic labels put
/// on and taken off, sentiment re-scored, a conversation moved to another team and the workspace's zone changed,
/// with the maintainer run now and then (so some days are stale and must be read raw) and at the end.
/// </summary>
public sealed class RollupPropertyTests(RollupFixture fixture) : IClassFixture<RollupFixture>
{
    private static readonly string[] Agents = ["ana", "bo", "<b>x</b>"];
    private static readonly string[] Languages = ["en", "nl"];
    private static readonly string[] Sentiments = ["positive", "neutral", "negative"];
    private static readonly string[] Topics = ["Delivery", "Delivery > Late", "Billing"];

    private sealed record World(List<Guid> Surveys, List<TouchPoint> TouchPoints, List<Guid> Segments, List<Guid> Personas,
        List<Guid> Teams, List<Guid> Conversations);

    [Theory, OnSqlite, OnPostgres]
    public async Task RandomChanges_RollupBackedScores_EqualTheRawAggregation(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app, "Europe/Amsterdam");
        var maintainer = app.Services.GetRequiredService<RollupMaintainer>();
        var world = await SetUpAsync(workspace);
        var random = new Random(20261123);
        var now = DateTime.UtcNow;

        for (var step = 1; step <= 300; step++)
        {
            await workspace.InWorkspaceAsync(services => ChangeAsync(services.GetRequiredService<TouchpointDbContext>(), random, world, now));
            if (step == 150)
            {
                // A zone change moves every local day: the rollups are rebuilt in the new zone.
                await workspace.QueryAsync(async db =>
                {
                    (await db.Workspaces.FirstAsync(w => w.Id == workspace.Id)).TimeZone = "America/New_York";
                    return await db.SaveChangesAsync();
                });
            }

            if (random.Next(10) == 0)
            {
                await maintainer.StepAsync(CancellationToken.None);
            }

            if (step % 100 == 0)
            {
                await AssertRollupsEqualRawAsync(workspace, world, now);
            }
        }

        await maintainer.CatchUpAsync();
        var (marks, ready, rolledUp, raw) = await workspace.QueryAsync(async db => (
            await db.RollupMarks.CountAsync(m => m.WorkspaceId == workspace.Id),
            await db.RollupStates.AnyAsync(s => s.WorkspaceId == workspace.Id && s.Ready && s.TimeZone == "America/New_York"),
            await db.MetricRollups.Where(r => r.WorkspaceId == workspace.Id && r.Dimension == RollupDimensions.Total).SumAsync(r => r.N),
            await db.Responses.LongCountAsync(r => r.Status == ResponseStatus.Completed && r.Score != null)));
        Assert.Equal(0, marks);
        Assert.True(ready);
        Assert.Equal(raw, rolledUp);
        await AssertRollupsEqualRawAsync(workspace, world, now);
    }

    private static async Task<World> SetUpAsync(TestWorkspace workspace)
    {
        using var client = workspace.Client();
        var nps = (await client.CreateSurveyAsync("nps", "NPS")).GetGuid("id");
        var csat = (await client.CreateSurveyAsync("csat", "CSAT")).GetGuid("id");
        var ces = (await client.CreateSurveyAsync("ces", "CES")).GetGuid("id");
        return await workspace.QueryAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var segments = Enumerable.Range(1, 3).Select(i => new Segment { Name = $"Segment {i}", Kind = SegmentKind.Static, CreatedAt = now, UpdatedAt = now }).ToList();
            var personas = Enumerable.Range(1, 2).Select(i => new Persona { Name = $"Persona {i}", Rule = "plan = \"gold\"", Priority = i }).ToList();
            var teams = Enumerable.Range(1, 2).Select(i => new Team { Name = $"Team {i}", CreatedAt = now }).ToList();
            db.Segments.AddRange(segments);
            db.Personas.AddRange(personas);
            db.Teams.AddRange(teams);
            await db.SaveChangesAsync();
            var inbox = new Inbox { Name = "Chat", WidgetKey = Guid.NewGuid().ToString("N"), IdentitySecret = Guid.NewGuid().ToString("N") };
            db.Inboxes.Add(inbox);
            var conversations = new List<Guid>();
            for (var i = 0; i < 4; i++)
            {
                var conversation = new Conversation
                {
                    InboxId = inbox.Id,
                    TeamId = teams[i % 2].Id,
                    ReplyToken = Guid.NewGuid().ToString("N"),
                    CreatedAt = now,
                    LastMessageAt = now,
                };
                db.Conversations.Add(conversation);
                await db.SaveChangesAsync();
                conversations.Add(conversation.Id);
            }

            return new World([nps, csat, ces], await db.TouchPoints.Take(4).ToListAsync(), segments.Select(s => s.Id).ToList(),
                personas.Select(p => p.Id).ToList(), teams.Select(t => t.Id).ToList(), conversations);
        });
    }

    private static async Task ChangeAsync(TouchpointDbContext db, Random random, World world, DateTime now)
    {
        var responses = await db.Responses.OrderBy(r => r.Id).ToListAsync();
        var roll = responses.Count < 20 ? 0 : random.Next(12);
        switch (roll)
        {
            case <= 3:
                for (var i = random.Next(1, 4); i > 0; i--)
                {
                    var added = NewResponse(random, world, now, completed: random.Next(5) > 0);
                    db.Responses.Add(added);
                    if (random.Next(2) == 0)
                    {
                        db.AnalyzedTexts.Add(Analysis(random, null, added, now));
                    }
                }

                break;
            case 4 when responses.FirstOrDefault(r => r.Status == ResponseStatus.InProgress) is { } partial:
                partial.Status = ResponseStatus.Completed;
                partial.Score = ScoreFor(random, partial.Metric);
                partial.SubmittedAt = At(random, now);
                break;
            case 5:
                var changed = random.GetItems(responses.ToArray(), 1)[0];
                changed.Score = changed.Score is null ? null : ScoreFor(random, changed.Metric);
                changed.Snapshot = Snapshot(random, world);
                break;
            case 6:
                var moved = random.GetItems(responses.ToArray(), 1)[0];
                moved.SubmittedAt = At(random, now);
                moved.Channel = random.Next(3) == 0 ? null : (Channel)random.Next(0, 6);
                break;
            case 7:
                db.Responses.Remove(random.GetItems(responses.ToArray(), 1)[0]);
                break;
            case 8:
                var text = await db.AnalyzedTexts.Include(t => t.Labels).OrderBy(t => t.Id).Skip(random.Next(10)).FirstOrDefaultAsync();
                if (text is not null && text.Labels.Count > 0 && random.Next(2) == 0)
                {
                    db.TextLabels.Remove(text.Labels[0]);
                }
                else if (text is not null)
                {
                    text.Labels.Add(Label(random, now));
                }

                break;
            case 9:
                var rescored = await db.AnalyzedTexts.OrderBy(t => t.Id).Skip(random.Next(10)).FirstOrDefaultAsync();
                if (rescored is not null)
                {
                    rescored.SentimentLabel = random.GetItems(Sentiments, 1)[0];
                    rescored.Scored = random.Next(4) > 0;
                }

                break;
            case 10:
                var conversationId = world.Conversations[random.Next(world.Conversations.Count)];
                var conversation = await db.Conversations.FirstAsync(c => c.Id == conversationId);
                conversation.TeamId = conversation.TeamId == world.Teams[0] ? world.Teams[1] : world.Teams[0];
                break;
            default:
                // A later analysis of another free-text answer of the response.
                var analysed = random.GetItems(responses.ToArray(), 1)[0];
                var field = $"q{random.Next(1000)}";
                if (!await db.AnalyzedTexts.AnyAsync(t => t.ResponseId == analysed.Id && t.Field == field))
                {
                    var later = Analysis(random, analysed.Id, null, now);
                    later.Field = field;
                    db.AnalyzedTexts.Add(later);
                }

                break;
        }

        await db.SaveChangesAsync();
    }

    private static Response NewResponse(Random random, World world, DateTime now, bool completed)
    {
        var survey = random.Next(world.Surveys.Count);
        var metric = (SurveyMetric)survey;
        var touchPoint = random.Next(5) == 0 ? null : world.TouchPoints[random.Next(world.TouchPoints.Count)];
        var at = At(random, now);
        return new Response
        {
            SurveyId = world.Surveys[survey],
            Metric = metric,
            Status = completed ? ResponseStatus.Completed : ResponseStatus.InProgress,
            Score = completed || random.Next(2) == 0 ? ScoreFor(random, metric) : null,
            TouchPointId = touchPoint?.Id,
            JourneyStageId = touchPoint is not null && random.Next(3) > 0 ? touchPoint.StageId : null,
            Channel = random.Next(4) == 0 ? null : (Channel)random.Next(0, 6),
            Agent = random.Next(3) == 0 ? null : random.GetItems(Agents, 1)[0],
            Language = random.Next(4) == 0 ? null : random.GetItems(Languages, 1)[0],
            ConversationId = random.Next(3) == 0 ? world.Conversations[random.Next(world.Conversations.Count)] : null,
            Snapshot = random.Next(6) == 0 ? null : Snapshot(random, world),
            StartedAt = at,
            SubmittedAt = at,
        };
    }

    private static AnalyzedText Analysis(Random random, long? responseId, Response? response, DateTime now)
    {
        var text = new AnalyzedText
        {
            Source = TextSource.Response,
            ResponseId = responseId,
            Response = response,
            Field = "comment",
            OccurredAt = response?.SubmittedAt ?? now,
            Language = "en",
            Scored = random.Next(5) > 0,
            SentimentLabel = random.GetItems(Sentiments, 1)[0],
            AnalyzedAt = now,
        };
        for (var i = random.Next(3); i > 0; i--)
        {
            text.Labels.Add(Label(random, now));
        }

        return text;
    }

    private static TextLabel Label(Random random, DateTime now) =>
        new() { Kind = TextLabelKind.Topic, Value = random.GetItems(Topics, 1)[0], Origin = LabelOrigin.Person, Confidence = 1, CreatedAt = now };

    private static string Snapshot(Random random, World world) => JsonSerializer.Serialize(new
    {
        segments = world.Segments.Where(_ => random.Next(2) == 0).Order().Select(s => s.ToString("D")).ToList(),
        persona = random.Next(3) == 0 ? null : world.Personas[random.Next(world.Personas.Count)].ToString("D"),
        lifecycleStage = (string?)null,
        traits = new { },
    });

    private static int ScoreFor(Random random, SurveyMetric metric) => metric switch
    {
        SurveyMetric.Nps => random.Next(0, 11),
        SurveyMetric.Csat => random.Next(1, 6),
        _ => random.Next(1, 8),
    };

    /// <summary>Within the last 40 days, at any minute: the range edges and local midnights cut through days.</summary>
    private static DateTime At(Random random, DateTime now) => now.AddMinutes(-random.Next(0, 40 * 24 * 60));

    private static async Task AssertRollupsEqualRawAsync(TestWorkspace workspace, World world, DateTime now)
    {
        await workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            var metrics = services.GetRequiredService<MetricsService>();
            var current = await db.Workspaces.AsNoTracking().FirstAsync(w => w.Id == workspace.Id);
            // Edges mid-day in any zone, so partial days come from raw rows and whole days from rollups.
            var (from, to) = (now.AddDays(-33).AddMinutes(-437), now.AddDays(-1).AddMinutes(-91));
            var filters = new List<Func<MetricQuery, MetricQuery>>
            {
                q => q,
                q => q with { SegmentId = world.Segments[0] },
                q => q with { PersonaId = world.Personas[1] },
                q => q with { TouchPointId = world.TouchPoints[0].Id },
                q => q with { StageId = world.TouchPoints[1].StageId },
                q => q with { Channel = Channel.Web },
                q => q with { Agent = Agents[2] },
                q => q with { TeamId = world.Teams[0] },
                q => q with { Language = "nl" },
                q => q with { SurveyId = world.Surveys[0] },
                q => q with { Text = new ResponseTextFilter(Sentiment: "negative") },
                q => q with { Channel = Channel.Web, SegmentId = world.Segments[1] },
            };
            foreach (var metric in Enum.GetValues<SurveyMetric>())
            {
                foreach (var grouping in new PeriodGrouping?[] { null, PeriodGrouping.Day, PeriodGrouping.Week, PeriodGrouping.Month })
                {
                    foreach (var filter in filters)
                    {
                        var query = filter(new MetricQuery(metric, from, to, grouping));
                        Assert.Equal(Json(await metrics.ComputeFromRawAsync(current, query, 1)), Json(await metrics.ComputeAsync(current, query, 1)));
                    }
                }

                foreach (var dimension in Enum.GetValues<Dimension>())
                {
                    var query = new MetricQuery(metric, from, to);
                    Assert.Equal(Json(await metrics.BreakdownFromRawAsync(current, query, dimension, 1)),
                        Json(await metrics.BreakdownAsync(current, query, dimension, 1)));
                }
            }
        });
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
