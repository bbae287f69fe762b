using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;

namespace Touchpoint.Bench;

/// <summary>
/// Where one chat message's time goes on Touchpoint's side, without load: the hub's conversation lookup
/// and <see cref="ConversationLog.AppendAsync"/> (duplicate check, numbering, insert, commit) replayed in
/// this process on Touchpoint's own database, one message at a time, beside a bare one-row update
/// committed on the same database (the durability floor: one fsync on SQLite, one WAL flush on
/// PostgreSQL). Medians in ms; SignalR framing and fan-out are what is left of the server's p50.
/// </summary>
internal static class ChatBreakdown
{
    private const int Warmup = 20;
    private const int Samples = 200;

    public static async Task<Dictionary<string, double>> MeasureAsync(BenchDatabase database, Guid conversationId)
    {
        var builder = new DbContextOptionsBuilder<TouchpointDbContext>();
        DatabaseSetup.Configure(builder, database.Provider, database.ConnectionString);
        var times = new Dictionary<string, List<double>> { ["conversationLookup"] = [], ["appendAndCommit"] = [], ["bareOneRowCommit"] = [] };
        Guid workspace;
        await using (var first = new TouchpointDbContext(builder.Options, new WorkspaceScope()))
        {
            workspace = await first.Conversations.IgnoreQueryFilters().Where(c => c.Id == conversationId).Select(c => c.WorkspaceId).FirstAsync();
        }

        for (var i = 0; i < Warmup + Samples; i++)
        {
            // A new context and scope per message, as each hub call gets.
            var scope = new WorkspaceScope();
            scope.Enter(workspace);
            await using var db = new TouchpointDbContext(builder.Options, scope);
            var watch = Stopwatch.StartNew();
            _ = await db.Conversations.AsNoTracking().FirstAsync(c => c.Id == conversationId);
            var lookup = watch.Elapsed.TotalMilliseconds;

            watch.Restart();
            await new ConversationLog(db, QuietFeed.Instance, TimeProvider.System).AppendAsync(conversationId,
                new ConversationLog.NewMessage(MessageAuthor.Customer, $"breakdown {i}", ClientId: $"c:breakdown-{i}"));
            var append = watch.Elapsed.TotalMilliseconds;

            watch.Restart();
            await BareCommitAsync(db, conversationId);
            var bare = watch.Elapsed.TotalMilliseconds;
            if (i >= Warmup)
            {
                times["conversationLookup"].Add(lookup);
                times["appendAndCommit"].Add(append);
                times["bareOneRowCommit"].Add(bare);
            }
        }

        return times.ToDictionary(t => t.Key, t => t.Value.Order().ElementAt(t.Value.Count / 2));
    }

    private static async Task BareCommitAsync(TouchpointDbContext db, Guid conversationId)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var now = DateTime.UtcNow;
        await db.Conversations.Where(c => c.Id == conversationId).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastMessageAt, now));
        await transaction.CommitAsync();
    }

    /// <summary>No listeners: the breakdown times the store, not the fan-out.</summary>
    private sealed class QuietFeed : IConversationFeed
    {
        public static readonly QuietFeed Instance = new();

        public void MessageAdded(ConversationMessage message)
        {
        }

        public void ConversationChanged(Conversation conversation)
        {
        }
    }
}
