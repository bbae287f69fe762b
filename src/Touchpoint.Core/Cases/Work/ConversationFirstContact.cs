using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Cases.Work;

/// <summary>
/// A reply by the case's owner in the case's linked conversation is the case's first contact. Rather
/// than slow the chat's message path with a look-up per message, a sweep sets it from the messages
/// themselves every <see cref="Period"/>: nothing is lost across a restart, and the time recorded is
/// the reply's own.
/// </summary>
public sealed partial class ConversationFirstContact(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ConversationFirstContact> logger)
    : PeriodicSweep(Period, clock)
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    /// <returns>How many cases got their first contact.</returns>
    public override async Task<int> SweepAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        // Across workspaces: the sweep runs outside any request; each case only reads its own conversation.
        var replies = db.ConversationMessages.IgnoreQueryFilters()
            .Where(m => m.Author == MessageAuthor.Agent && !m.Private && m.AuthorUserId != null);
        return await db.Cases.IgnoreQueryFilters()
            .Where(c => c.FirstContactAt == null && c.ConversationId != null && c.OwnerId != null
                && replies.Any(m => m.ConversationId == c.ConversationId && m.AuthorUserId == c.OwnerId && m.CreatedAt >= c.CreatedAt))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.FirstContactAt, c => replies
                .Where(m => m.ConversationId == c.ConversationId && m.AuthorUserId == c.OwnerId && m.CreatedAt >= c.CreatedAt)
                .Min(m => (DateTime?)m.CreatedAt)), ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sweep for first contacts in conversations failed; it runs again shortly")]
    private partial void LogSweepFailed(Exception ex);

    protected override void OnSweepFailed(Exception ex) => LogSweepFailed(ex);
}
