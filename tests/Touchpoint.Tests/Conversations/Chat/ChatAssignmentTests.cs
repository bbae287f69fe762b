using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Conversations.Chat;

/// <summary>A chat started from the widget goes to an agent by its inbox's rule, or waits unassigned.</summary>
[Collection(AppCollection.Name)]
public sealed class ChatAssignmentTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task StartChat_RoundRobinInboxWithAnOnlineAgent_IsAssignedToThem(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var inbox = await ChatData.InboxAsync(workspace, i => i.Assignment = AssignmentMode.RoundRobin);
        await ChatData.AgentAsync(workspace, inbox, workspace.Owner.Id);

        var chat = await ChatData.StartAsync(workspace, inbox);

        var stored = await workspace.QueryAsync(db => db.Conversations.SingleAsync(c => c.Id == chat.ConversationId));
        Assert.Equal(workspace.Owner.Id, stored.AssigneeId);
        Assert.NotNull(stored.FirstAssignedAt);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task StartChat_ManualInbox_WaitsUnassigned(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var inbox = await ChatData.InboxAsync(workspace, i => i.Assignment = AssignmentMode.Manual);
        await ChatData.AgentAsync(workspace, inbox, workspace.Owner.Id);

        var chat = await ChatData.StartAsync(workspace, inbox);

        Assert.Null(await workspace.QueryAsync(db => db.Conversations.Where(c => c.Id == chat.ConversationId).Select(c => c.AssigneeId).SingleAsync()));
    }
}
