using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Conversations.Chat;

/// <summary>
/// The conversation hub over a real WebSocket, in SignalR's JSON protocol: who may connect, who may act
/// on what, limits, idempotent resends, and gap-free catch-up after a reconnect.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ConversationHubTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task VisitorAndAgent_ExchangeMessages_EachSeesTheOthersInOrder(DatabaseProvider provider)
    {
        var (workspace, inbox, chat) = await ChatAsync(provider);
        await using var visitor = await HubTestClient.VisitorAsync(workspace.App, chat.ConversationId, chat.VisitorToken);
        await using var agent = await HubTestClient.AgentAsync(workspace.App, workspace.Owner.Email!);

        var sent = await visitor.InvokeAsync("Send", chat.ConversationId, "c-1", "  Where is my parcel?  ");
        var atAgent = await agent.NextAsync("message", m => m.GetProperty("seq").GetInt64() == 1);
        var reply = await agent.InvokeAsync("Send", chat.ConversationId, "a-1", "It ships today.");
        var atVisitor = await visitor.NextAsync("message", m => m.GetProperty("seq").GetInt64() == 2);

        Assert.Equal(("customer", "Where is my parcel?", 1L), (sent.GetProperty("author").GetString(), sent.GetProperty("body").GetString(),
            sent.GetProperty("seq").GetInt64()));
        Assert.Equal("Where is my parcel?", atAgent.GetProperty("body").GetString());
        Assert.Equal(("agent", workspace.Owner.Id), (reply.GetProperty("author").GetString(), reply.GetProperty("authorUserId").GetGuid()));
        Assert.Equal("It ships today.", atVisitor.GetProperty("body").GetString());
        Assert.NotNull(await workspace.QueryAsync(db => db.Conversations.Where(c => c.Id == chat.ConversationId)
            .Select(c => c.FirstResponseSeconds).SingleAsync()));
        Assert.Equal(inbox.Id, await workspace.QueryAsync(db => db.Conversations.Where(c => c.Id == chat.ConversationId)
            .Select(c => c.InboxId).SingleAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Connect_WithAnotherConversationsToken_IsRefused(DatabaseProvider provider)
    {
        var (workspace, inbox, mine) = await ChatAsync(provider);
        var theirs = await ChatData.StartAsync(workspace, inbox);

        await using var intruder = await HubTestClient.VisitorAsync(workspace.App, theirs.ConversationId, mine.VisitorToken);
        await using var honest = await HubTestClient.VisitorAsync(workspace.App, mine.ConversationId, mine.VisitorToken);

        Assert.Contains("visitor token does not open that conversation", await intruder.Closed, StringComparison.Ordinal);
        var error = await honest.FailsAsync("Since", theirs.ConversationId, 0);
        Assert.Contains("only use their own conversation", error, StringComparison.Ordinal);
        Assert.Empty((await honest.InvokeAsync("Since", mine.ConversationId, 0)).EnumerateArray());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Connect_Unauthenticated_IsRefused(DatabaseProvider provider)
    {
        var app = fixture.App(provider);

        await using var anonymous = await HubTestClient.ConnectAsync(app, "", cookie: null);
        await using var forged = await HubTestClient.ConnectAsync(app, $"?conversation={Guid.NewGuid()}&visitor=guess", cookie: null);

        Assert.Contains("Sign in as a member", await anonymous.Closed, StringComparison.Ordinal);
        Assert.Contains("visitor token does not open", await forged.Closed, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Connect_AgentCookieFromAnotherSite_IsRefused(DatabaseProvider provider)
    {
        var (workspace, _, chat) = await ChatAsync(provider);
        var cookie = await HubTestClient.SignInCookieAsync(workspace.App, workspace.Owner.Email!, TestWorkspace.Password);

        // A page on another site opening a WebSocket would ride the agent's cookie: browsers apply no CORS to WebSockets.
        await using var hijack = await HubTestClient.ConnectAsync(workspace.App, "", cookie, origin: "https://evil.example");
        await using var own = await HubTestClient.ConnectAsync(workspace.App, "", cookie, origin: "http://localhost");

        Assert.Contains("Sign in as a member", await hijack.Closed, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Array, (await own.InvokeAsync("Since", chat.ConversationId, 0)).ValueKind);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Agent_OfAnotherWorkspace_CannotReadOrWrite(DatabaseProvider provider)
    {
        var (workspace, _, chat) = await ChatAsync(provider);
        var other = await TestWorkspace.CreateAsync(workspace.App);
        await using var visitor = await HubTestClient.VisitorAsync(workspace.App, chat.ConversationId, chat.VisitorToken);
        await visitor.InvokeAsync("Send", chat.ConversationId, "c-1", "Private matter");
        await using var stranger = await HubTestClient.AgentAsync(workspace.App, other.Owner.Email!);

        var send = await stranger.FailsAsync("Send", chat.ConversationId, "x-1", "Hello from elsewhere");
        var since = await stranger.FailsAsync("Since", chat.ConversationId, 0);
        var read = await stranger.FailsAsync("Read", chat.ConversationId, 1);

        Assert.All([send, since, read], e => Assert.Contains("No such conversation in your workspace", e, StringComparison.Ordinal));
        Assert.Empty(stranger.Received("message"));
        Assert.Equal(1, await workspace.QueryAsync(db => db.ConversationMessages.CountAsync(m => m.ConversationId == chat.ConversationId)));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Send_EmptyTooLongOrHugeFrame_IsRefusedAndNothingIsStored(DatabaseProvider provider)
    {
        var (workspace, _, chat) = await ChatAsync(provider);
        await using var visitor = await HubTestClient.VisitorAsync(workspace.App, chat.ConversationId, chat.VisitorToken);
        await using var flooder = await HubTestClient.VisitorAsync(workspace.App, chat.ConversationId, chat.VisitorToken);

        var empty = await visitor.FailsAsync("Send", chat.ConversationId, "c-1", "   ");
        var tooLong = await visitor.FailsAsync("Send", chat.ConversationId, "c-2", new string('x', ConversationLimits.MaxMessageLength + 1));
        var noClientId = await visitor.FailsAsync("Send", chat.ConversationId, null, "Hello");
        var huge = JsonSerializer.Serialize(new { type = 1, invocationId = "1", target = "Send", arguments = new object[] { chat.ConversationId, "c-3", new string('y', 200_000) } });
        await flooder.SendFrameAsync(huge);
        await flooder.Closed;
        var fine = await visitor.InvokeAsync("Send", chat.ConversationId, "c-4", new string('z', ConversationLimits.MaxMessageLength));

        Assert.Contains("needs some text", empty, StringComparison.Ordinal);
        Assert.Contains("at most 5000 characters", tooLong, StringComparison.Ordinal);
        Assert.Contains("client id", noClientId, StringComparison.Ordinal);
        Assert.Equal(1, fine.GetProperty("seq").GetInt64());
        Assert.Equal(1, await workspace.QueryAsync(db => db.ConversationMessages.CountAsync(m => m.ConversationId == chat.ConversationId)));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Send_Flood_IsLimitedPerConnectionWhileAnHonestConnectionStillSends(DatabaseProvider provider)
    {
        var (workspace, _, chat) = await ChatAsync(provider);
        await using var flooder = await HubTestClient.VisitorAsync(workspace.App, chat.ConversationId, chat.VisitorToken);
        await using var honest = await HubTestClient.VisitorAsync(workspace.App, chat.ConversationId, chat.VisitorToken);

        for (var i = 0; i < ConversationLimits.MessagesPerMinute; i++)
        {
            await flooder.InvokeAsync("Send", chat.ConversationId, $"f-{i}", $"spam {i}");
        }

        var refused = await flooder.FailsAsync("Send", chat.ConversationId, "f-over", "one too many");
        var accepted = await honest.InvokeAsync("Send", chat.ConversationId, "h-1", "A real question");

        Assert.Equal("Too many messages; wait a moment.", refused.Split(": ").Last());
        Assert.Equal(ConversationLimits.MessagesPerMinute + 1, accepted.GetProperty("seq").GetInt64());
        Assert.False(await workspace.QueryAsync(db => db.ConversationMessages.AnyAsync(m => m.Body == "one too many")));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Send_ResendAfterLostAck_ReturnsTheSameMessage(DatabaseProvider provider)
    {
        var (workspace, _, chat) = await ChatAsync(provider);
        await using var first = await HubTestClient.VisitorAsync(workspace.App, chat.ConversationId, chat.VisitorToken);
        var original = await first.InvokeAsync("Send", chat.ConversationId, "c-same", "Hello?");
        await first.DisposeAsync();
        await using var again = await HubTestClient.VisitorAsync(workspace.App, chat.ConversationId, chat.VisitorToken);

        var resent = await again.InvokeAsync("Send", chat.ConversationId, "c-same", "Hello?");

        Assert.Equal(original.GetProperty("id").GetInt64(), resent.GetProperty("id").GetInt64());
        Assert.Equal(1, await workspace.QueryAsync(db => db.ConversationMessages.CountAsync(m => m.ConversationId == chat.ConversationId)));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Reconnect_MessagesSentWhileDisconnected_AreAllReturnedBySince(DatabaseProvider provider)
    {
        var (workspace, _, chat) = await ChatAsync(provider);
        await using var agent = await HubTestClient.AgentAsync(workspace.App, workspace.Owner.Email!);
        var visitor = await HubTestClient.VisitorAsync(workspace.App, chat.ConversationId, chat.VisitorToken);
        await visitor.InvokeAsync("Send", chat.ConversationId, "c-1", "First");
        await agent.InvokeAsync("Send", chat.ConversationId, "a-1", "Reply 1");
        var lastSeen = (await visitor.NextAsync("message", m => m.GetProperty("seq").GetInt64() == 2)).GetProperty("seq").GetInt64();
        await visitor.DisposeAsync();

        // The visitor is gone (a train tunnel); the agent keeps writing, the other visitor tab too.
        await using var otherTab = await HubTestClient.VisitorAsync(workspace.App, chat.ConversationId, chat.VisitorToken);
        var written = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var body = $"While away {i}";
            await (i % 3 == 0 ? otherTab : agent).InvokeAsync("Send", chat.ConversationId, $"m-{i}", body);
            written.Add(body);
        }

        await using var back = await HubTestClient.VisitorAsync(workspace.App, chat.ConversationId, chat.VisitorToken);
        var missed = (await back.InvokeAsync("Since", chat.ConversationId, lastSeen)).EnumerateArray().ToList();

        Assert.Equal(written, missed.Select(m => m.GetProperty("body").GetString()));
        Assert.Equal(Enumerable.Range(3, 12).Select(n => (long)n), missed.Select(m => m.GetProperty("seq").GetInt64()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PrivateNote_NeverReachesTheVisitor(DatabaseProvider provider)
    {
        var (workspace, _, chat) = await ChatAsync(provider);
        await using var visitor = await HubTestClient.VisitorAsync(workspace.App, chat.ConversationId, chat.VisitorToken);
        await using var agent = await HubTestClient.AgentAsync(workspace.App, workspace.Owner.Email!);

        await workspace.InWorkspaceAsync(s => s.GetRequiredService<ConversationLog>().AppendAsync(chat.ConversationId,
            new ConversationLog.NewMessage(MessageAuthor.Agent, "Internal: VIP, refund OK", workspace.Owner.Id, Private: true)));
        await agent.InvokeAsync("Send", chat.ConversationId, "a-1", "Public answer");
        await visitor.NextAsync("message", m => m.GetProperty("seq").GetInt64() == 2);
        var agentNote = await agent.NextAsync("message", m => m.GetProperty("private").GetBoolean());
        var visitorSince = (await visitor.InvokeAsync("Since", chat.ConversationId, 0)).EnumerateArray().ToList();
        var agentSince = (await agent.InvokeAsync("Since", chat.ConversationId, 0)).EnumerateArray().ToList();

        Assert.Equal("Internal: VIP, refund OK", agentNote.GetProperty("body").GetString());
        Assert.DoesNotContain(visitor.Received("message"), m => m.GetProperty("private").GetBoolean());
        Assert.Equal(["Public answer"], visitorSince.Select(m => m.GetProperty("body").GetString()));
        Assert.Equal(2, agentSince.Count);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Send_ScriptText_ArrivesAsTheSameText(DatabaseProvider provider)
    {
        var (workspace, _, chat) = await ChatAsync(provider);
        await using var visitor = await HubTestClient.VisitorAsync(workspace.App, chat.ConversationId, chat.VisitorToken);
        await using var agent = await HubTestClient.AgentAsync(workspace.App, workspace.Owner.Email!);
        const string script = "<img src=x onerror=alert(1)><script>alert('x')</script> 😀";

        await visitor.InvokeAsync("Send", chat.ConversationId, "c-1", script);
        var received = await agent.NextAsync("message", m => m.GetProperty("seq").GetInt64() == 1);

        Assert.Equal(script, received.GetProperty("body").GetString());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TypingAndRead_AreRelayedToTheOtherSideAndReadNeverGoesBack(DatabaseProvider provider)
    {
        var (workspace, _, chat) = await ChatAsync(provider);
        await using var visitor = await HubTestClient.VisitorAsync(workspace.App, chat.ConversationId, chat.VisitorToken);
        await using var agent = await HubTestClient.AgentAsync(workspace.App, workspace.Owner.Email!);
        await visitor.InvokeAsync("Send", chat.ConversationId, "c-1", "One");
        await visitor.InvokeAsync("Send", chat.ConversationId, "c-2", "Two");

        await visitor.InvokeAsync("Typing", chat.ConversationId);
        var typing = await agent.NextAsync("typing");
        var mark = await agent.InvokeAsync("Read", chat.ConversationId, 2);
        var seen = await visitor.NextAsync("read");
        var backwards = await agent.InvokeAsync("Read", chat.ConversationId, 1);
        var beyond = await agent.InvokeAsync("Read", chat.ConversationId, 99);
        var changed = await agent.NextAsync("conversation", c => c.GetProperty("agentReadSeq").GetInt64() == 2);
        await using var reloaded = await HubTestClient.VisitorAsync(workspace.App, chat.ConversationId, chat.VisitorToken);
        var remembered = await reloaded.NextAsync("read");

        Assert.Equal("customer", typing.GetProperty("author").GetString());
        Assert.Empty(visitor.Received("typing"));
        Assert.Equal(2, mark.GetInt64());
        Assert.Equal(("agent", 2L), (seen.GetProperty("author").GetString(), seen.GetProperty("seq").GetInt64()));
        Assert.Equal(2, backwards.GetInt64());
        Assert.Equal(2, beyond.GetInt64());
        Assert.Equal(chat.ConversationId, changed.GetProperty("id").GetGuid());
        Assert.Equal(2, remembered.GetProperty("seq").GetInt64());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Send_ToAMergedConversation_IsRefused(DatabaseProvider provider)
    {
        var (workspace, inbox, chat) = await ChatAsync(provider);
        var survivor = await ChatData.StartAsync(workspace, inbox);
        await workspace.QueryAsync(db => db.Conversations.Where(c => c.Id == chat.ConversationId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.MergedIntoId, survivor.ConversationId)));
        await using var visitor = await HubTestClient.VisitorAsync(workspace.App, chat.ConversationId, chat.VisitorToken);

        var error = await visitor.FailsAsync("Send", chat.ConversationId, "c-1", "Anyone?");

        Assert.Contains("merged", error, StringComparison.Ordinal);
    }

    private async Task<(TestWorkspace Workspace, Inbox Inbox, ChatData.StartedChat Chat)> ChatAsync(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var inbox = await ChatData.InboxAsync(workspace);
        return (workspace, inbox, await ChatData.StartAsync(workspace, inbox));
    }
}
