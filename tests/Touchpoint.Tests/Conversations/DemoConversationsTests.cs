using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Core.Demo;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Conversations;

/// <summary>The demo workspace has a support team to show: inboxes, canned replies and conversations in every state.</summary>
[Collection(AppCollection.Name)]
public sealed class DemoConversationsTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task SeedDemo_GivesInboxesAndConversationsNumberedWithoutGaps(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        await using var scope = app.Services.CreateAsyncScope();
        var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>()
            .SeedAsync(new DemoOptions { Customers = 40, Days = 30, AdminEmail = $"demo-{Guid.NewGuid():N}@example.test" });
        await using var inWorkspace = app.Services.CreateAsyncScope();
        inWorkspace.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(seeded.Workspace.Id);
        var db = inWorkspace.ServiceProvider.GetRequiredService<TouchpointDbContext>();

        Assert.Equal([InboxKind.WebChat, InboxKind.Email], (await db.Inboxes.ToListAsync()).Select(i => i.Kind).Order());
        Assert.Equal(3, await db.CannedReplies.CountAsync());
        var conversations = await db.Conversations.ToListAsync();
        Assert.Equal(40, conversations.Count);
        Assert.Equal(3, conversations.Select(c => c.Status).Distinct().Count());
        var numbers = await db.ConversationMessages.GroupBy(m => m.ConversationId)
            .Select(g => new { g.Key, Count = g.Count(), Max = g.Max(m => m.Seq) }).ToListAsync();
        Assert.All(numbers, n => Assert.Equal(n.Count, n.Max));
        Assert.All(conversations, c => Assert.Equal(numbers.Single(n => n.Key == c.Id).Max, c.LastSeq));
        Assert.Contains(conversations, c => c.CsatScore is not null);
    }
}
