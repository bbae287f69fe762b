using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Conversations;

/// <summary>Messages are numbered 1, 2, 3 ... per conversation whatever the race, and a resend is not stored twice.</summary>
[Collection(AppCollection.Name)]
public sealed class ConversationLogTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Append_ManyAtOnce_NumbersAreUniqueAndGapFree(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var conversation = await ConversationData.CreateAsync(workspace);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => workspace.InWorkspaceAsync(services =>
            services.GetRequiredService<ConversationLog>().AppendAsync(conversation,
                new ConversationLog.NewMessage(MessageAuthor.Customer, $"Message {i}")))));

        var numbers = await workspace.QueryAsync(db => db.ConversationMessages.Where(m => m.ConversationId == conversation)
            .OrderBy(m => m.Seq).Select(m => m.Seq).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 20).Select(n => (long)n), numbers);
        Assert.Equal(20, await workspace.QueryAsync(db => db.Conversations.Where(c => c.Id == conversation).Select(c => c.LastSeq).SingleAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Append_SameClientIdTwice_StoresOneMessage(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var conversation = await ConversationData.CreateAsync(workspace);
        var message = new ConversationLog.NewMessage(MessageAuthor.Customer, "Where is my order?", ClientId: "c-1");

        var first = await workspace.InWorkspaceAsync(s => s.GetRequiredService<ConversationLog>().AppendAsync(conversation, message));
        var again = await workspace.InWorkspaceAsync(s => s.GetRequiredService<ConversationLog>().AppendAsync(conversation, message));

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(1, await workspace.QueryAsync(db => db.ConversationMessages.CountAsync(m => m.ConversationId == conversation)));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AgentReply_AfterCustomerMessages_KeepsFirstAndNextResponseTimes(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var conversation = await ConversationData.CreateAsync(workspace);
        var agent = await workspace.InWorkspaceAsync(async s => (await TestWorkspace.CreateUserAsync(s, $"agent-{Guid.NewGuid():N}@example.com")).Id);
        Task<ConversationMessage> Append(MessageAuthor author, string body, Guid? user = null) =>
            workspace.InWorkspaceAsync(s => s.GetRequiredService<ConversationLog>().AppendAsync(conversation,
                new ConversationLog.NewMessage(author, body, user)));

        await Append(MessageAuthor.Customer, "Hello?");
        var reply = await Append(MessageAuthor.Agent, "Hi, how can I help?", agent);
        await Append(MessageAuthor.Customer, "My parcel is late.");
        var second = await Append(MessageAuthor.Agent, "Let me check.", agent);

        Assert.NotNull(reply.ResponseSeconds);
        Assert.NotNull(second.ResponseSeconds);
        var stored = await workspace.QueryAsync(db => db.Conversations.SingleAsync(c => c.Id == conversation));
        Assert.NotNull(stored.FirstResponseAt);
        Assert.NotNull(stored.FirstResponseSeconds);
        Assert.Equal([agent], await workspace.QueryAsync(db => db.ConversationAgents.Where(a => a.ConversationId == conversation)
            .Select(a => a.UserId).ToListAsync()));
    }
}

/// <summary>Conversations made straight in the database, for tests of what builds on them.</summary>
internal static class ConversationData
{
    public static Task<Guid> CreateAsync(TestWorkspace workspace) => workspace.QueryAsync(async db =>
    {
        var inbox = new Inbox
        {
            Name = "Website chat",
            WidgetKey = Guid.NewGuid().ToString("N"),
            IdentitySecret = Guid.NewGuid().ToString("N"),
            CreatedAt = DateTime.UtcNow,
        };
        db.Inboxes.Add(inbox);
        var conversation = new Conversation
        {
            InboxId = inbox.Id,
            ReplyToken = Guid.NewGuid().ToString("N")[..20],
            CreatedAt = DateTime.UtcNow,
            LastMessageAt = DateTime.UtcNow,
        };
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync();
        return conversation.Id;
    });
}
