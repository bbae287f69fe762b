using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Surveys;
using Touchpoint.Tests.Customers;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Feedback;

/// <summary>POST /api/v1/surveys/{id}/responses with answers: checked against the survey's definition, stored once, never half.</summary>
[Collection(AppCollection.Name)]
public sealed class ResponseSubmitApiTests(AppFixture fixture)
{
    private async Task<(TestWorkspace Workspace, HttpClient Client, Guid Survey, string Url)> ArrangeAsync(DatabaseProvider provider, bool anonymous = false)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");
        await SurveyDefinitions.UseAsync(workspace, survey, SurveyDefinitions.Branching, anonymous);
        return (workspace, client, survey, $"/api/v1/surveys/{survey}/responses");
    }

    private static readonly object Promoter = new
    {
        nps = 9,
        plan = "gold",
        liked = new[] { "speed", "staff" },
        grid = new { app = "good", shop = "ok" },
        order = new[] { "c", "a", "b" },
        comment = "Fast and friendly",
    };

    [Theory, OnSqlite, OnPostgres]
    public async Task Submit_EveryQuestionTypeOnThePathTaken_StoresTheAnswersScoreAndComment(DatabaseProvider provider)
    {
        var (workspace, client, survey, url) = await ArrangeAsync(provider);

        var created = await client.PostJsonAsync(url, new { answers = Promoter, agent = "Ana", orderId = "A-1", language = "de" }, HttpStatusCode.Created);

        Assert.Equal(9, created.GetProperty("score").GetInt32());
        Assert.Equal("Fast and friendly", created.GetString("comment"));
        var stored = Assert.Single(await SurveyDefinitions.ResponsesAsync(workspace, survey));
        var answers = JsonNode.Parse(stored.Answers)!.AsObject();
        Assert.Equal("""["c","a","b"]""", answers["order"]!.ToJsonString());
        Assert.Equal("good", answers["grid"]!["app"]!.GetValue<string>());
        Assert.Equal("gold", answers["plan"]!.GetValue<string>());
        Assert.Equal(ResponseStatus.Completed, stored.Status);
        Assert.Equal(2, stored.Version);
        Assert.Equal("Ana", stored.Agent);
        Assert.Equal("A-1", stored.OrderId);
        Assert.Equal("de", stored.Language);
        // The workspace has no webhook, so the answer was saved announced (fed to the live page at once).
        Assert.True(stored.Notified);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Submit_ScoreOutOfRange_Returns400NamingTheAnswerAndStoresNothing(DatabaseProvider provider)
    {
        var (workspace, client, survey, url) = await ArrangeAsync(provider);

        using var response = await client.PostAsJsonAsync(url, new { answers = new { nps = 11, why = "price" } });

        var problem = await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "answers.nps");
        Assert.Contains("0 to 10", problem.GetProperty("errors").GetProperty("answers.nps")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await SurveyDefinitions.ResponsesAsync(workspace, survey));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Submit_UnknownChoiceMatrixColumnOrBadRanking_Returns400NamingEach(DatabaseProvider provider)
    {
        var (workspace, client, survey, url) = await ArrangeAsync(provider);

        using var response = await client.PostAsJsonAsync(url, new
        {
            answers = new
            {
                nps = 10,
                liked = new[] { "speed", "free beer" },
                grid = new { app = "great", shop = "ok" },
                order = new[] { "a", "a", "b" },
            },
        });

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "answers.liked");
        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "answers.grid");
        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "answers.order");
        Assert.Empty(await SurveyDefinitions.ResponsesAsync(workspace, survey));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Submit_AnswerToAQuestionTheLogicHides_Returns400AndStoresNothing(DatabaseProvider provider)
    {
        var (workspace, client, survey, url) = await ArrangeAsync(provider);

        // A detractor never sees the "great" page, and "whyOther" shows only for "other".
        using var offPath = await client.PostAsJsonAsync(url, new { answers = new { nps = 3, why = "price", comment = "sneaked in" } });
        using var hidden = await client.PostAsJsonAsync(url, new { answers = new { nps = 3, why = "price", whyOther = "sneaked in" } });
        using var unknown = await client.PostAsJsonAsync(url, new { answers = new { nps = 3, why = "price", mood = "happy" } });
        using var missing = await client.PostAsJsonAsync(url, new { answers = new { nps = 3 } });

        await Problem.AssertFieldAsync(offPath, HttpStatusCode.BadRequest, "answers.comment");
        await Problem.AssertFieldAsync(hidden, HttpStatusCode.BadRequest, "answers.whyOther");
        await Problem.AssertFieldAsync(unknown, HttpStatusCode.BadRequest, "answers.mood");
        await Problem.AssertFieldAsync(missing, HttpStatusCode.BadRequest, "answers.why");
        Assert.Empty(await SurveyDefinitions.ResponsesAsync(workspace, survey));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Submit_OversizedText_Returns400NamingItAndStoresNothing(DatabaseProvider provider)
    {
        var (workspace, client, survey, url) = await ArrangeAsync(provider);

        using var response = await client.PostAsJsonAsync(url, new { answers = new { nps = 2, why = "price", fix = new string('x', 4001) } });

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "answers.fix");
        Assert.Empty(await SurveyDefinitions.ResponsesAsync(workspace, survey));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Submit_HtmlAndScriptInText_IsStoredAsTheTextSent(DatabaseProvider provider)
    {
        var (workspace, client, survey, url) = await ArrangeAsync(provider);
        const string Markup = "<script>alert('x')</script><b>slow</b> & \"late\"";

        await client.PostJsonAsync(url, new { answers = new { nps = 2, why = "other", whyOther = Markup } }, HttpStatusCode.Created);

        var stored = Assert.Single(await SurveyDefinitions.ResponsesAsync(workspace, survey));
        Assert.Equal(Markup, JsonNode.Parse(stored.Answers)!["whyOther"]!.GetValue<string>());
        Assert.Equal(Markup, stored.Comment);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Submit_SameInvitationTokenTwice_Returns409AndKeepsTheFirst(DatabaseProvider provider)
    {
        var (workspace, client, survey, url) = await ArrangeAsync(provider);
        var customer = (await client.CreateCustomerAsync(new { externalId = $"c-{Guid.NewGuid():N}", name = "Ada Lovelace" })).GetGuid("id");
        var invitation = await SurveyDefinitions.InviteAsync(workspace, survey, customer, agent: "Bo", orderId: "O-7");

        var first = await client.PostJsonAsync(url, new { answers = new { nps = 5, why = "price" }, invitationToken = invitation.Token }, HttpStatusCode.Created);
        using var replay = await client.PostAsJsonAsync(url, new { answers = new { nps = 10, why = "price" }, invitationToken = invitation.Token });
        using var tampered = await client.PostAsJsonAsync(url, new { answers = new { nps = 10, why = "price" }, invitationToken = invitation.Token + "x" });

        await Problem.AssertFieldAsync(replay, HttpStatusCode.Conflict, "invitationToken");
        await Problem.AssertFieldAsync(tampered, HttpStatusCode.BadRequest, "invitationToken");
        var stored = Assert.Single(await SurveyDefinitions.ResponsesAsync(workspace, survey));
        Assert.Equal(first.GetInt64("id"), stored.Id);
        Assert.Equal(5, stored.Score);
        Assert.Equal(customer, stored.CustomerId);
        Assert.Equal(invitation.Id, stored.InvitationId);
        Assert.Equal("Bo", stored.Agent);
        Assert.Equal("O-7", stored.OrderId);
        Assert.NotNull(stored.Snapshot);
        var marked = await workspace.QueryAsync(db => db.SurveyInvitations.AsNoTracking().SingleAsync(i => i.Id == invitation.Id));
        Assert.Equal(InvitationStatus.Responded, marked.Status);
        Assert.Equal(stored.Id, marked.ResponseId);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Submit_ConcurrentRepliesWithOneInvitation_StoresOne(DatabaseProvider provider)
    {
        var (workspace, client, survey, url) = await ArrangeAsync(provider, anonymous: true);
        var invitation = await SurveyDefinitions.InviteAsync(workspace, survey);

        var replies = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            client.PostAsJsonAsync(url, new { answers = new { nps = 1, why = "service" }, invitationToken = invitation.Token })));

        Assert.Single(replies, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(replies.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var stored = Assert.Single(await SurveyDefinitions.ResponsesAsync(workspace, survey));
        Assert.Null(stored.InvitationId);
        Assert.Null(stored.CustomerId);
        foreach (var reply in replies)
        {
            reply.Dispose();
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Submit_IdentifiedCustomer_SnapshotsSegmentsPersonaStageAndOnlyReportingTraits(DatabaseProvider provider)
    {
        var (workspace, client, survey, url) = await ArrangeAsync(provider);
        var customer = (await client.CreateCustomerAsync(new { externalId = $"c-{Guid.NewGuid():N}", traits = new { plan = "gold", nickname = "Ace" } })).GetGuid("id");
        var segment = await workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            var vip = new Core.Segments.Segment { Name = "VIP", Kind = Core.Segments.SegmentKind.Static, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Segments.Add(vip);
            db.SegmentMembers.Add(new Core.Segments.SegmentMember { SegmentId = vip.Id, CustomerId = customer, AddedAt = DateTime.UtcNow });
            db.TraitDefinitions.Add(new Core.Customers.TraitDefinition { Key = "plan", Label = "Plan", IsReportingTrait = true });
            var row = await db.Customers.SingleAsync(c => c.Id == customer);
            row.LifecycleStage = Core.Customers.LifecycleStage.Advocacy;
            await db.SaveChangesAsync();
            return vip.Id;
        });

        await client.PostJsonAsync(url, new { answers = new { nps = 4, why = "price" }, customerId = customer }, HttpStatusCode.Created);

        var stored = Assert.Single(await SurveyDefinitions.ResponsesAsync(workspace, survey));
        var snapshot = JsonNode.Parse(stored.Snapshot!)!;
        Assert.Equal($"[\"{segment}\"]", snapshot["segments"]!.ToJsonString());
        Assert.Equal("advocacy", snapshot["lifecycleStage"]!.GetValue<string>());
        Assert.Null(snapshot["persona"]);
        Assert.Equal("""{"plan":"gold"}""", snapshot["traits"]!.ToJsonString());
        Assert.Null(stored.Device);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Submit_OldScoreAndCommentBody_StillAnswersTheStandardSurvey(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync("csat")).GetGuid("id");

        var created = await client.PostJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 4, comment = " ok " }, HttpStatusCode.Created);
        using var bad = await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 6 });

        Assert.Equal(4, created.GetProperty("score").GetInt32());
        Assert.Equal("ok", created.GetString("comment"));
        await Problem.AssertFieldAsync(bad, HttpStatusCode.BadRequest, "score");
    }
}
