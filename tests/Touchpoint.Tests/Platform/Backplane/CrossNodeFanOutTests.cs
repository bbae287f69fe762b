using System.Text.Json;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Conversations.Chat;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Platform.Backplane;

/// <summary>
/// Two nodes behind a load balancer, one PostgreSQL: what one node commits reaches the clients
/// connected to the other (through LISTEN/NOTIFY), exactly once on each, and still after the
/// listening connection was lost and came back.
/// </summary>
public sealed class CrossNodeFanOutTests(TwoNodesFixture nodes) : IClassFixture<TwoNodesFixture>
{
    [Theory, OnPostgres]
    public async Task VisitorMessage_SentOnNodeA_ReachesAgentsOfBothNodesOnce(DatabaseProvider provider)
    {
        Assert.Equal(DatabaseProvider.Postgres, provider);
        var (workspace, chat) = await ChatOnBothNodesAsync();
        await using var visitor = await VisitorAsync(nodes.A, chat);
        await using var agentA = await AgentAsync(nodes.A, workspace, chat);
        await using var agentB = await AgentAsync(nodes.B, workspace, chat);

        await visitor.InvokeAsync("Send", chat.ConversationId, "c-1", "Is my order on its way?");
        var atB = await agentB.NextAsync("message", Seq(1));
        var atA = await agentA.NextAsync("message", Seq(1));
        // B's agent answers through B: A's visitor and agent hear it through A's listener, after any
        // second copy of message 1 A could have sent itself (one listener, one line per conversation).
        await agentB.InvokeAsync("Send", chat.ConversationId, "a-1", "It left the warehouse today.");
        var reply = await visitor.NextAsync("message", Seq(2));
        await agentA.NextAsync("message", Seq(2));
        // And a third from A reaches B after any second copy of message 2 B could have sent itself.
        await visitor.InvokeAsync("Send", chat.ConversationId, "c-2", "Thanks!");
        await agentB.NextAsync("message", Seq(3));

        Assert.Equal("Is my order on its way?", atB.GetProperty("body").GetString());
        Assert.Equal("Is my order on its way?", atA.GetProperty("body").GetString());
        Assert.Equal(("agent", "It left the warehouse today."), (reply.GetProperty("author").GetString(), reply.GetProperty("body").GetString()));
        Assert.DoesNotContain(agentA.Received("message"), m => m.GetProperty("seq").GetInt64() is 1 or 2);
        Assert.DoesNotContain(agentB.Received("message"), m => m.GetProperty("seq").GetInt64() == 1);
        Assert.Single(agentB.Received("message"), m => m.GetProperty("seq").GetInt64() == 2);
        Assert.Single(visitor.Received("message"), m => m.GetProperty("seq").GetInt64() == 1);
    }

    [Theory, OnPostgres]
    public async Task ConversationChange_MadeOnNodeA_ReachesAgentsOnNodeB(DatabaseProvider provider)
    {
        Assert.Equal(DatabaseProvider.Postgres, provider);
        var (workspace, chat) = await ChatOnBothNodesAsync();
        await using var agentB = await AgentAsync(nodes.B, workspace, chat);
        using var client = workspace.Client();

        using var body = Api.Json("""{"priority":"urgent"}""");
        using var patch = await client.PatchAsync($"/api/v1/conversations/{chat.ConversationId}", body);
        await patch.ExpectAsync(System.Net.HttpStatusCode.OK);
        var changed = await agentB.NextAsync("conversation",
            c => c.GetProperty("id").GetGuid() == chat.ConversationId && c.GetProperty("priority").GetString() == "urgent");

        Assert.Equal("open", changed.GetProperty("status").GetString());
    }

    [Theory, OnPostgres]
    public async Task Response_SubmittedOnNodeA_ReachesTheLiveFeedOnNodeB(DatabaseProvider provider)
    {
        Assert.Equal(DatabaseProvider.Postgres, provider);
        var workspace = await TestWorkspace.CreateAsync(nodes.A);
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync("nps", "Store visit")).GetGuid("id");
        await NodeListeners.ListeningAsync(nodes.B);
        using var liveOnB = await LiveFeedStream.OpenAsync(nodes.B, workspace);
        using var liveOnA = await LiveFeedStream.OpenAsync(nodes.A, workspace);

        var first = (await client.SubmitAsync(survey, 9, comment: "Friendly staff")).GetInt64("id");
        var seenOnB = await liveOnB.NextAsync();
        var seenOnA = await liveOnA.NextAsync();
        var second = (await client.SubmitAsync(survey, 3, comment: "Long queue")).GetInt64("id");
        var nextOnB = await liveOnB.NextAsync();
        var nextOnA = await liveOnA.NextAsync();

        Assert.Equal((first, "Store visit", 9, "Friendly staff"), (seenOnB.GetInt64("id"), seenOnB.GetString("surveyName"),
            seenOnB.GetProperty("score").GetInt32(), seenOnB.GetString("comment")));
        Assert.Equal(first, seenOnA.GetInt64("id"));
        // Once each: the next event on either node is the next response, not a second copy.
        Assert.Equal((second, second), (nextOnB.GetInt64("id"), nextOnA.GetInt64("id")));
    }

    [Theory, OnPostgres]
    public async Task CaseAssignedOnNodeA_RingsTheBellOfThePersonsPageOnNodeB(DatabaseProvider provider)
    {
        Assert.Equal(DatabaseProvider.Postgres, provider);
        var workspace = await TestWorkspace.CreateAsync(nodes.A);
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        await NodeListeners.ListeningAsync(nodes.B);
        await using var bellOnB = await HubTestClient.ConnectAsync(nodes.B, "", await HubTestClient.SignInCookieAsync(nodes.B, agent.Email!, TestWorkspace.Password),
            path: "/hubs/notifications");
        using var client = workspace.Client();

        await client.PostJsonAsync("/api/v1/cases", new { title = "Parcel lost", ownerId = agent.Id }, System.Net.HttpStatusCode.Created);
        var rung = await bellOnB.NextAsync("notification", n => n.GetProperty("title").GetString()!.Contains("Parcel lost", StringComparison.Ordinal));

        Assert.Equal(1, rung.GetProperty("unread").GetInt32());
    }

    [Theory, OnPostgres]
    public async Task ListenerConnection_Terminated_ReconnectsAndDeliversLaterMessages(DatabaseProvider provider)
    {
        Assert.Equal(DatabaseProvider.Postgres, provider);
        var (workspace, chat) = await ChatOnBothNodesAsync();
        await using var visitor = await VisitorAsync(nodes.A, chat);
        await using var agentB = await AgentAsync(nodes.B, workspace, chat);
        var before = await NodeListeners.ListeningAsync(nodes.B);

        await NodeListeners.TerminateAsync(nodes.B, before);
        var after = await NodeListeners.ListeningAsync(nodes.B, not: before);
        await visitor.InvokeAsync("Send", chat.ConversationId, "c-1", "Hello after the outage");
        var atB = await agentB.NextAsync("message", Seq(1));

        Assert.NotEqual(before, after);
        Assert.Equal("Hello after the outage", atB.GetProperty("body").GetString());
    }

    /// <summary>A chat started through node A, both nodes listening.</summary>
    private async Task<(TestWorkspace Workspace, ChatData.StartedChat Chat)> ChatOnBothNodesAsync()
    {
        var workspace = await TestWorkspace.CreateAsync(nodes.A);
        var inbox = await ChatData.InboxAsync(workspace);
        var chat = await ChatData.StartAsync(workspace, inbox);
        await NodeListeners.ListeningAsync(nodes.A);
        await NodeListeners.ListeningAsync(nodes.B);
        return (workspace, chat);
    }

    private static async Task<HubTestClient> VisitorAsync(TouchpointFactory node, ChatData.StartedChat chat)
    {
        var visitor = await HubTestClient.VisitorAsync(node, chat.ConversationId, chat.VisitorToken);
        // A call completes only after the hub's OnConnected did: the node now counts this client.
        await visitor.InvokeAsync("Since", chat.ConversationId, 0);
        return visitor;
    }

    private static async Task<HubTestClient> AgentAsync(TouchpointFactory node, TestWorkspace workspace, ChatData.StartedChat chat)
    {
        var agent = await HubTestClient.AgentAsync(node, workspace.Owner.Email!);
        await agent.InvokeAsync("Since", chat.ConversationId, 0);
        return agent;
    }

    private static Func<JsonElement, bool> Seq(long seq) => m => m.GetProperty("seq").GetInt64() == seq;
}
