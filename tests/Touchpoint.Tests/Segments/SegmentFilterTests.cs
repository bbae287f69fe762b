using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Surveys;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Segments;

/// <summary>Metrics and response lists filtered to a segment, as the customers were when they answered (the snapshot).</summary>
[Collection(AppCollection.Name)]
public sealed class SegmentFilterTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task MetricsAndResponses_WithSegment_CountOnlyMembersAnswers(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync("nps")).GetGuid("id");
        var at = DateTime.UtcNow.AddDays(-1);
        // Twelve pro customers who all promote; eight free customers who all detract. The segment exists
        // before they answer, so each answer's snapshot says whether its customer was a member.
        var pros = new List<Guid>();
        var frees = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            pros.Add(await workspace.AddCustomerAsync($"pro-{i}", """{"plan":"pro"}"""));
        }

        for (var i = 0; i < 8; i++)
        {
            frees.Add(await workspace.AddCustomerAsync($"free-{i}", """{"plan":"free"}"""));
        }

        var pro = (await client.CreateSegmentAsync(new { type = "trait", key = "plan", op = "eq", value = "pro" })).GetGuid("id");
        foreach (var (customer, score) in pros.Select(c => (c, 10)).Concat(frees.Select(c => (c, 2))))
        {
            await AddAnswerWithSnapshotAsync(workspace, survey, customer, score, at);
        }

        var all = await client.GetJsonAsync("/api/v1/metrics/nps");
        var members = await client.GetJsonAsync($"/api/v1/metrics/nps?segment={pro}");
        var responses = await client.GetJsonAsync($"/api/v1/responses?segment={pro}&limit=100");

        Assert.Equal(20, all.GetProperty("n").GetInt32());
        Assert.Equal(20, all.GetProperty("score").GetDouble(), 6);
        Assert.Equal(12, members.GetProperty("n").GetInt32());
        Assert.Equal(100, members.GetProperty("score").GetDouble(), 6);
        Assert.Equal(12, responses.GetProperty("items").GetArrayLength());
        Assert.All(responses.GetProperty("items").EnumerateArray(), r => Assert.Equal(10, r.GetProperty("score").GetInt32()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task MetricsAndResponses_UnknownSegment_AreProblemsNamingTheSegment(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        using var metrics = await client.GetAsync($"/api/v1/metrics/nps?segment={Guid.NewGuid()}");
        using var responses = await client.GetAsync($"/api/v1/responses?segment={Guid.NewGuid()}");

        await Problem.AssertFieldAsync(metrics, HttpStatusCode.BadRequest, "segment");
        await Problem.AssertFieldAsync(responses, HttpStatusCode.BadRequest, "segment");
    }

    private static Task AddAnswerWithSnapshotAsync(TestWorkspace workspace, Guid survey, Guid customer, int score, DateTime at) =>
        workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            var snapshot = await ResponseSnapshot.TakeAsync(db, customer);
            db.Responses.Add(new Response { SurveyId = survey, CustomerId = customer, Metric = SurveyMetric.Nps, Score = score, SubmittedAt = at, Snapshot = snapshot });
            await db.SaveChangesAsync();
        });
}
