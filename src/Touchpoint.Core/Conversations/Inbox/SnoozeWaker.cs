using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Conversations;

public sealed class SnoozeOptions
{
    public const string Section = "Touchpoint:Conversations:Snooze";

    /// <summary>How often due snoozes are looked for; a conversation wakes at most this late.</summary>
    public int PollSeconds { get; set; } = 30;
}

/// <summary>
/// Reopens snoozed conversations when their time comes, with a system message, in every workspace;
/// they come back into the agents' "Mine" and "All open" views.
/// </summary>
public sealed class SnoozeWaker(IServiceScopeFactory scopes, IOptions<SnoozeOptions> options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WakeDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
            {
                // The next round tries again; nothing is lost while a conversation stays snoozed a little longer.
            }

            await Task.Delay(TimeSpan.FromSeconds(options.Value.PollSeconds), clock, stoppingToken);
        }
    }

    /// <summary>Reopens every conversation whose snooze has ended; returns how many.</summary>
    public async Task<int> WakeDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<(Guid Id, Guid WorkspaceId)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
            due = (await db.Conversations.IgnoreQueryFilters().AsNoTracking()
                    .Where(c => c.Status == ConversationStatus.Snoozed && c.SnoozedUntil <= now)
                    .Select(c => new { c.Id, c.WorkspaceId }).Take(500).ToListAsync(ct))
                .Select(c => (c.Id, c.WorkspaceId)).ToList();
        }

        var woken = 0;
        foreach (var (id, workspaceId) in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(workspaceId);
            var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
            // Only if still snoozed and due: an agent may have reopened or re-snoozed it meanwhile.
            var changed = await db.Conversations.Where(c => c.Id == id && c.Status == ConversationStatus.Snoozed && c.SnoozedUntil <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ConversationStatus.Open).SetProperty(c => c.SnoozedUntil, (DateTime?)null)
                    .SetProperty(c => c.Version, Guid.NewGuid()), ct);
            if (changed == 0)
            {
                continue;
            }

            woken++;
            await scope.ServiceProvider.GetRequiredService<ConversationLog>().AppendAsync(id,
                new ConversationLog.NewMessage(MessageAuthor.System, "The snooze ended; this conversation is open again", Private: true), ct);
            scope.ServiceProvider.GetRequiredService<IConversationFeed>()
                .ConversationChanged(await db.Conversations.AsNoTracking().FirstAsync(c => c.Id == id, ct));
        }

        return woken;
    }
}
