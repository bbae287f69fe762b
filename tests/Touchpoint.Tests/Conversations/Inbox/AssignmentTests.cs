using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Conversations.AgentInbox;

/// <summary>Round-robin, least-busy and manual assignment; capacity holds when conversations arrive at once.</summary>
[Collection(AppCollection.Name)]
public sealed class AssignmentTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task RoundRobin_ThreeConversations_TakeTurnsInUserOrder(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var agents = new[] { await InboxTestData.OnlineAgentAsync(workspace, client), await InboxTestData.OnlineAgentAsync(workspace, client) }
            .Order().ToArray();
        var inbox = await InboxTestData.CreateInboxAsync(client, "roundRobin", agents);

        var assigned = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            assigned.Add((await InboxTestData.LogConversationAsync(client, inbox)).GetProperty("assigneeId").GetGuid());
        }

        Assert.Equal([agents[0], agents[1], agents[0]], assigned);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task LeastBusy_PicksAgentWithFewestOpen_SkipsOfflineAndAway(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var busy = await InboxTestData.OnlineAgentAsync(workspace, client);
        var free = await InboxTestData.OnlineAgentAsync(workspace, client);
        var away = await InboxTestData.OnlineAgentAsync(workspace, client);
        await client.PutAsJsonJsonAsync($"/api/v1/agents/{away}/status", new { presence = "away" });
        var inbox = await InboxTestData.CreateInboxAsync(client, "leastBusy", busy, free, away);
        var existing = (await InboxTestData.LogConversationAsync(client, await InboxTestData.CreateInboxAsync(client))).GetProperty("id").GetGuid();
        await ConversationsApiTests.Patch(client, existing, $$"""{"assigneeId":"{{busy}}"}""", null, HttpStatusCode.OK);

        var created = await InboxTestData.LogConversationAsync(client, inbox);

        Assert.Equal(free, created.GetProperty("assigneeId").GetGuid());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, created.GetProperty("firstAssignedAt").ValueKind);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Manual_NoOneAssigned_StaysUnassigned(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var agent = await InboxTestData.OnlineAgentAsync(workspace, client);
        var inbox = await InboxTestData.CreateInboxAsync(client, "manual", agent);

        var created = await InboxTestData.LogConversationAsync(client, inbox);

        Assert.Equal(System.Text.Json.JsonValueKind.Null, created.GetProperty("assigneeId").ValueKind);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Assign_ManyArriveAtOnce_NoAgentExceedsCapacity(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var first = await InboxTestData.OnlineAgentAsync(workspace, client, capacity: 2);
        var second = await InboxTestData.OnlineAgentAsync(workspace, client, capacity: 1);
        var inbox = await InboxTestData.CreateInboxAsync(client, "leastBusy", first, second);
        var conversations = await workspace.QueryAsync(async db =>
        {
            var list = Enumerable.Range(0, 8).Select(i => new Conversation
            {
                InboxId = inbox,
                ReplyToken = Guid.NewGuid().ToString("N")[..24],
                CreatedAt = DateTime.UtcNow,
                LastMessageAt = DateTime.UtcNow,
            }).ToList();
            db.Conversations.AddRange(list);
            await db.SaveChangesAsync();
            return list.Select(c => c.Id).ToList();
        });

        await Task.WhenAll(conversations.Select(id => workspace.InWorkspaceAsync(s => s.GetRequiredService<ConversationAssigner>().AssignAsync(id))));

        var load = await workspace.QueryAsync(db => db.Conversations.Where(c => c.InboxId == inbox && c.AssigneeId != null)
            .GroupBy(c => c.AssigneeId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        Assert.Equal(2, load.Single(l => l.Key == first).Count);
        Assert.Equal(1, load.Single(l => l.Key == second).Count);
    }
}
