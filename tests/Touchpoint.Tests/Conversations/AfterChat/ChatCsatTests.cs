using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Conversations.AfterChat;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Conversations.AfterChat;

/// <summary>Resolving asks for a rating once; the visitor's rating is credited to the agent and counts as a CSAT response.</summary>
[Collection(AppCollection.Name)]
public sealed class ChatCsatTests(AppFixture fixture)
{
    /// <summary>What the follow-up wrote to the customer (the status notes, "Resolved by ...", are the inbox's).</summary>
    private static Task<List<string>> SystemMessagesAsync(ChatData chat) =>
        chat.Workspace.QueryAsync(db => db.ConversationMessages.Where(m => m.ConversationId == chat.ConversationId
            && m.Author == MessageAuthor.System && !m.Private && !m.Body.StartsWith("Resolved by ")).OrderBy(m => m.Seq)
            .Select(m => m.Body).ToListAsync());

    [Theory, OnSqlite, OnPostgres]
    public async Task Resolve_AfterAnAgentReplied_AsksForTheRatingOnce(DatabaseProvider provider)
    {
        var chat = await ChatData.CreateAsync(await TestWorkspace.CreateAsync(fixture.App(provider)));

        await chat.AnsweredAndResolvedAsync();
        await chat.ResolveAsync();

        Assert.Equal([ResolutionFollowUp.CsatQuestion], await SystemMessagesAsync(chat));
        var stored = await chat.Workspace.QueryAsync(db => db.Conversations.SingleAsync(c => c.Id == chat.ConversationId));
        Assert.Equal(ConversationStatus.Resolved, stored.Status);
        Assert.NotNull(stored.ResolvedAt);
        Assert.NotNull(stored.ResolutionSeconds);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task OnResolved_CalledByAnotherFeatureThatStillTracksTheConversation_AsksWithTheNextNumber(DatabaseProvider provider)
    {
        var chat = await ChatData.CreateAsync(await TestWorkspace.CreateAsync(fixture.App(provider)));
        var agent = await chat.AgentAsync();
        await chat.AppendAsync(MessageAuthor.Customer, "Hi");
        await chat.AppendAsync(MessageAuthor.Agent, "Hello", agent.Id);

        // As the inbox's status change does: load, set resolved, save, then hand over.
        await chat.Workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            var conversation = await db.Conversations.SingleAsync(c => c.Id == chat.ConversationId);
            conversation.Status = ConversationStatus.Resolved;
            conversation.ResolvedAt = DateTime.UtcNow;
            await db.SaveChangesAsync();
            await services.GetRequiredService<ResolutionFollowUp>().OnResolvedAsync(chat.ConversationId, CancellationToken.None);
        });

        var prompt = await chat.Workspace.QueryAsync(db => db.ConversationMessages.SingleAsync(m => m.ConversationId == chat.ConversationId
            && m.Author == MessageAuthor.System));
        Assert.Equal(3, prompt.Seq);
        Assert.Equal(ResolutionFollowUp.CsatQuestion, prompt.Body);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Resolve_ReadOnlyKeyOrUnknownConversation_RefusedAndNothingChanges(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var chat = await ChatData.CreateAsync(workspace);
        var reader = await workspace.CreateKeyAsync(ApiKeyKind.Rest, ApiScopes.Read);
        using var readOnly = workspace.ClientWithKey(reader.PlainKey);
        using var owner = workspace.Client();
        var other = await ChatData.CreateAsync(await TestWorkspace.CreateAsync(fixture.App(provider)));

        using var forbidden = await readOnly.PostAsync($"/api/v1/conversations/{chat.ConversationId}/resolve", null);
        using var foreign = await owner.PostAsync($"/api/v1/conversations/{other.ConversationId}/resolve", null);

        await Problem.AssertAsync(forbidden, HttpStatusCode.Forbidden);
        await Problem.AssertAsync(foreign, HttpStatusCode.NotFound);
        Assert.Equal(ConversationStatus.Open, await workspace.QueryAsync(db => db.Conversations.Where(c => c.Id == chat.ConversationId)
            .Select(c => c.Status).SingleAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Resolve_NoAgentReplyOrCsatOff_AsksNothing(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var unanswered = await ChatData.CreateAsync(workspace);
        var csatOff = await ChatData.CreateAsync(workspace, configure: i => i.CsatEnabled = false);

        await unanswered.AppendAsync(MessageAuthor.Customer, "Hello?");
        await unanswered.ResolveAsync();
        await csatOff.AnsweredAndResolvedAsync();

        Assert.Empty(await SystemMessagesAsync(unanswered));
        Assert.Empty(await SystemMessagesAsync(csatOff));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Rate_AfterResolution_CreditsTheAgentAndCountsAsACsatResponse(DatabaseProvider provider)
    {
        var chat = await ChatData.CreateAsync(await TestWorkspace.CreateAsync(fixture.App(provider)));
        var agent = await chat.AnsweredAndResolvedAsync();
        using var visitor = chat.Visitor();

        using var rated = await visitor.PostAsJsonAsync($"{chat.Widget}/csat", new { score = 4, comment = "Quick <script>help</script>" });
        using var again = await visitor.PostAsJsonAsync($"{chat.Widget}/csat", new { score = 1 });

        await rated.ExpectAsync(HttpStatusCode.NoContent);
        await Problem.AssertAsync(again, HttpStatusCode.Conflict);
        var stored = await chat.Workspace.QueryAsync(db => db.Conversations.SingleAsync(c => c.Id == chat.ConversationId));
        Assert.Equal(4, stored.CsatScore);
        Assert.Equal("Quick <script>help</script>", stored.CsatComment);
        Assert.Equal(agent.Id, stored.CsatAgentId);
        Assert.Equal([ResolutionFollowUp.CsatQuestion, "Rated 4/5"], await SystemMessagesAsync(chat));
        var response = await chat.Workspace.QueryAsync(db => db.Responses.SingleAsync(r => r.ConversationId == chat.ConversationId));
        Assert.Equal(SurveyMetric.Csat, response.Metric);
        Assert.Equal(4, response.Score);
        Assert.Equal("Quick <script>help</script>", response.Comment);
        Assert.Equal(Channel.Chat, response.Channel);
        Assert.Equal(agent.DisplayName, response.Agent);
        Assert.Equal(ChatCsat.SurveyName, await chat.Workspace.QueryAsync(db => db.Surveys.Where(s => s.Id == response.SurveyId)
            .Select(s => s.Name).SingleAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Rate_AnotherVisitorsTokenOrWidget_NotFoundAndNothingStored(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var chat = await ChatData.CreateAsync(workspace);
        var other = await ChatData.CreateAsync(workspace);
        await chat.AnsweredAndResolvedAsync();
        using var stranger = chat.Visitor(other.VisitorToken);
        using var anonymous = workspace.ClientWithKey(null);

        using var wrongToken = await stranger.PostAsJsonAsync($"{chat.Widget}/csat", new { score = 1 });
        using var noToken = await anonymous.PostAsJsonAsync($"{chat.Widget}/csat", new { score = 1 });
        using var wrongWidget = await chat.Visitor().PostAsJsonAsync($"/chat/{other.WidgetKey}/conversations/{chat.ConversationId}/csat",
            new { score = 1 });

        await Problem.AssertAsync(wrongToken, HttpStatusCode.NotFound);
        await Problem.AssertAsync(noToken, HttpStatusCode.NotFound);
        await Problem.AssertAsync(wrongWidget, HttpStatusCode.NotFound);
        Assert.Null(await workspace.QueryAsync(db => db.Conversations.Where(c => c.Id == chat.ConversationId).Select(c => c.CsatScore).SingleAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Rate_BadScoreOrLongCommentOrNotResolved_SaysWhatToFix(DatabaseProvider provider)
    {
        var chat = await ChatData.CreateAsync(await TestWorkspace.CreateAsync(fixture.App(provider)));
        using var visitor = chat.Visitor();

        using var early = await visitor.PostAsJsonAsync($"{chat.Widget}/csat", new { score = 5 });
        await chat.AnsweredAndResolvedAsync();
        using var outOfRange = await visitor.PostAsJsonAsync($"{chat.Widget}/csat", new { score = 6 });
        using var longComment = await visitor.PostAsJsonAsync($"{chat.Widget}/csat", new { score = 5, comment = new string('a', 5_001) });
        using var wrongType = await visitor.PostAsync($"{chat.Widget}/csat", Api.Json("""{"score":"five"}"""));

        await Problem.AssertAsync(early, HttpStatusCode.Conflict);
        await Problem.AssertFieldAsync(outOfRange, HttpStatusCode.BadRequest, "score");
        await Problem.AssertFieldAsync(longComment, HttpStatusCode.BadRequest, "comment");
        await Problem.AssertFieldAsync(wrongType, HttpStatusCode.BadRequest, "score");
        using var valid = await visitor.PostAsJsonAsync($"{chat.Widget}/csat", new { score = 5 });
        await valid.ExpectAsync(HttpStatusCode.NoContent);
    }
}
