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
    public async Task AppendBatched_ManyAtOnceMixedWithDirectAppends_NumbersStayUniqueGapFreeAndNothingIsLost(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var conversations = new[] { await ConversationData.CreateAsync(workspace), await ConversationData.CreateAsync(workspace) };
        var agent = await workspace.InWorkspaceAsync(async s => (await TestWorkspace.CreateUserAsync(s, $"agent-{Guid.NewGuid():N}@example.com")).Id);

        // Live chat shares commits; replies from other paths (REST, email) number directly, at the same time.
        var appends = Enumerable.Range(0, 60).Select(i => workspace.InWorkspaceAsync(services =>
        {
            var log = services.GetRequiredService<ConversationLog>();
            var conversation = conversations[i % 2];
            return i % 5 == 4
                ? log.AppendAsync(conversation, new ConversationLog.NewMessage(MessageAuthor.Agent, $"Reply {i}", agent, ClientId: $"a-{i}"))
                : log.AppendBatchedAsync(conversation, new ConversationLog.NewMessage(MessageAuthor.Customer, $"Message {i}", ClientId: $"c-{i}"));
        }));
        var acknowledged = await Task.WhenAll(appends);

        foreach (var conversation in conversations)
        {
            var stored = await workspace.QueryAsync(db => db.ConversationMessages.Where(m => m.ConversationId == conversation)
                .OrderBy(m => m.Seq).ToListAsync());
            Assert.Equal(Enumerable.Range(1, 30).Select(n => (long)n), stored.Select(m => m.Seq));
            Assert.Equal(30, await workspace.QueryAsync(db => db.Conversations.Where(c => c.Id == conversation).Select(c => c.LastSeq).SingleAsync()));
            Assert.Equal([agent], await workspace.QueryAsync(db => db.ConversationAgents.Where(a => a.ConversationId == conversation)
                .Select(a => a.UserId).ToListAsync()));
        }

        // Every acknowledgement names the row that was stored, with its number.
        var rows = await workspace.QueryAsync(db => db.ConversationMessages.Where(m => conversations.Contains(m.ConversationId))
            .ToDictionaryAsync(m => m.Id, m => (m.Seq, m.ClientId)));
        Assert.Equal(60, rows.Count);
        Assert.All(acknowledged, m => Assert.Equal((m.Seq, m.ClientId), rows[m.Id]));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AppendBatched_SameClientIdAtOnce_StoresOneMessageAndAnswersBothWithIt(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var conversation = await ConversationData.CreateAsync(workspace);
        var message = new ConversationLog.NewMessage(MessageAuthor.Customer, "Hello?", ClientId: "c-twice");

        var both = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => workspace.InWorkspaceAsync(s =>
            s.GetRequiredService<ConversationLog>().AppendBatchedAsync(conversation, message))));

        var stored = await workspace.QueryAsync(db => db.ConversationMessages.SingleAsync(m => m.ConversationId == conversation));
        Assert.All(both, m => Assert.Equal(stored.Id, m.Id));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AppendBatched_ConversationOfAnotherWorkspace_IsRefusedAndStoresNothing(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var owner = await TestWorkspace.CreateAsync(app);
        var other = await TestWorkspace.CreateAsync(app);
        var conversation = await ConversationData.CreateAsync(owner);

        var refused = await Assert.ThrowsAsync<MessageRefusedException>(() => other.InWorkspaceAsync(s =>
            s.GetRequiredService<ConversationLog>().AppendBatchedAsync(conversation, new ConversationLog.NewMessage(MessageAuthor.Customer, "Hi"))));
        Assert.Equal(MessageRefusedException.Reason.NotFound, refused.Why);

        Assert.Equal(0, await owner.QueryAsync(db => db.ConversationMessages.CountAsync(m => m.ConversationId == conversation)));
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
