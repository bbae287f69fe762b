using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Feedback;

/// <summary>
/// A completed response is announced (webhooks queued, live feed told) at once, whatever path saved
/// it, with the notifier's poll set to an hour. In a workspace known to have no webhook it is saved
/// already announced; a webhook or survey change on this node is seen by the very next answer.
/// </summary>
public sealed class ResponseAnnouncementTests(ResponseAnnouncementTests.Fixture fixture) : IClassFixture<ResponseAnnouncementTests.Fixture>
{
    /// <summary>Apps whose notifier polls only hourly: only the wake-up or the save itself can announce a response in time.</summary>
    public sealed class Fixture : AppFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings(DatabaseProvider provider) => new Dictionary<string, string?>
        {
            ["Touchpoint:ResponseNotifier:PollSeconds"] = "3600",
        };
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SubmitResponse_NotifierPollsHourly_IsAnnouncedAtOnce(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");

        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await client.SubmitAsync(survey, 6 + i)).GetInt64("id"));
        }

        await Eventually.HoldsAsync(() => workspace.QueryAsync(db => db.Responses.Where(r => ids.Contains(r.Id)).AllAsync(r => r.Notified)),
            "each response to be announced without waiting for the poll");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SubmitResponses_WorkspaceWithoutWebhooks_LaterOnesAreSavedAnnouncedAndFed(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");
        using var feed = app.Services.GetRequiredService<ResponseFeed>().Listen(workspace.Id);
        var first = (await client.SubmitAsync(survey, 9)).GetInt64("id");
        await Eventually.HoldsAsync(() => workspace.QueryAsync(db => db.Responses.AnyAsync(r => r.Id == first && r.Notified)),
            "the first answer to be announced by the notifier, which learns the workspace has no webhook");

        var second = (await client.SubmitAsync(survey, 3)).GetInt64("id");

        // No waiting: the notifier gathers for 200 ms before it claims, so only the save itself can have set this.
        Assert.True(await workspace.QueryAsync(db => db.Responses.Where(r => r.Id == second).Select(r => r.Notified).SingleAsync()),
            "An answer in a workspace without webhooks is saved already announced.");
        var fed = new List<long>();
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        while (!fed.Contains(second))
        {
            fed.Add((await feed.Reader.ReadAsync(timeout.Token)).Id);
        }

        Assert.Equal([first, second], fed);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task CreateWebhook_AfterAnswersWithoutOne_NextAnswerReachesIt(DatabaseProvider provider)
    {
        await using var receiver = await LocalServer.StartAsync((context, _) => { context.Response.StatusCode = 204; return Task.CompletedTask; });
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");
        var first = (await client.SubmitAsync(survey, 9)).GetInt64("id");
        await Eventually.HoldsAsync(() => workspace.QueryAsync(db => db.Responses.AnyAsync(r => r.Id == first && r.Notified)),
            "the workspace to be known to have no webhook");

        await client.PostJsonAsync("/api/v1/webhooks", new { url = receiver.BaseUrl + "/hooks", events = new[] { "response.completed" } },
            HttpStatusCode.Created);
        var second = (await client.SubmitAsync(survey, 4)).GetInt64("id");

        var delivered = JsonDocument.Parse((await receiver.NextAsync("the new webhook's delivery")).Body).RootElement;
        Assert.Equal(second, delivered.GetProperty("data").GetInt64("id"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ChangeSurvey_AfterAnswers_NextAnswerIsCheckedAgainstTheChange(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var created = await client.CreateSurveyAsync("nps", "Kiosk NPS");
        var survey = created.GetGuid("id");
        await client.SubmitAsync(survey, 9);

        using var closed = await client.PutAsJsonAsync($"/api/v1/surveys/{survey}", new { name = "Kiosk NPS", status = "closed" });
        await closed.ExpectAsync(HttpStatusCode.OK);
        using var refused = await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 8 });

        var problem = await refused.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("closed", problem.GetProperty("errors").GetProperty("survey")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SubmitResponse_ToASurveyAnotherWorkspaceJustAnswered_IsNotFound(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var owner = await TestWorkspace.CreateAsync(app);
        var other = await TestWorkspace.CreateAsync(app);
        using var ownerClient = owner.Client();
        using var otherClient = other.Client();
        var survey = (await ownerClient.CreateSurveyAsync()).GetGuid("id");
        await ownerClient.SubmitAsync(survey, 9);

        using var response = await otherClient.PostAsJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 1 });

        await response.ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(1, await owner.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == survey)));
    }
}
