using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Conversations.Chat;
using Touchpoint.Tests.Infrastructure;
using Touchpoint.Web.Conversations.Chat;
using Touchpoint.Web.Platform.Backplane;

namespace Touchpoint.Tests.Platform.Backplane;

/// <summary>A node reads another node's rows only while someone here would receive them: who is connected is counted per workspace and conversation.</summary>
public sealed class ConversationHubPresenceTests(TwoNodesFixture nodes) : IClassFixture<TwoNodesFixture>
{
    [Fact]
    public void JoinedAndLeft_Agents_CountPerWorkspace()
    {
        var presence = new ConversationHubPresence();
        var workspace = Guid.NewGuid();
        var first = HubCaller.Agent(workspace, Guid.NewGuid());
        var second = HubCaller.Agent(workspace, Guid.NewGuid());

        presence.Joined(first);
        presence.Joined(second);
        presence.Left(first);
        var stillWatched = presence.HasAgents(workspace);
        presence.Left(second);

        Assert.True(stillWatched);
        Assert.False(presence.HasAgents(workspace));
        Assert.False(presence.HasAgents(Guid.NewGuid()));
    }

    [Fact]
    public void Visitor_WatchesOnlyTheirConversation()
    {
        var presence = new ConversationHubPresence();
        var workspace = Guid.NewGuid();
        var conversation = Guid.NewGuid();

        presence.Joined(HubCaller.Visitor(workspace, conversation));

        Assert.True(presence.Watches(workspace, conversation));
        Assert.False(presence.Watches(workspace, Guid.NewGuid()));
        Assert.False(presence.HasAgents(workspace));
    }

    [Theory, OnPostgres]
    public async Task AgentConnection_ClosedOnANode_ThatNodeStopsWatchingTheWorkspace(DatabaseProvider provider)
    {
        Assert.Equal(DatabaseProvider.Postgres, provider);
        var workspace = await TestWorkspace.CreateAsync(nodes.A);
        var chat = await ChatData.StartAsync(workspace, await ChatData.InboxAsync(workspace));
        var presence = nodes.B.Services.GetRequiredService<ConversationHubPresence>();

        var agent = await HubTestClient.AgentAsync(nodes.B, workspace.Owner.Email!);
        await agent.InvokeAsync("Since", chat.ConversationId, 0);
        var watched = presence.HasAgents(workspace.Id);
        await agent.DisposeAsync();
        await Eventually.HoldsAsync(() => Task.FromResult(!presence.HasAgents(workspace.Id)), "node B to forget the agent");

        Assert.True(watched);
        Assert.False(nodes.A.Services.GetRequiredService<ConversationHubPresence>().HasAgents(workspace.Id));
    }
}
