using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Conversations.Email;

/// <summary>
/// Makes email replies at-least-once: agents' replies are queued right after their commit, and if the
/// process stopped in between, this sweep queues them on its next round (every minute, for replies
/// older than a minute). The mailer's conditional claim keeps a reply from being queued twice.
/// </summary>
public sealed partial class UnsentRepliesSweep(IServiceScopeFactory scopes, TimeProvider clock, ILogger<UnsentRepliesSweep> logger)
    : PeriodicSweep(Period, clock)
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    /// <returns>How many replies were queued.</returns>
    public override async Task<int> SweepAsync(CancellationToken ct = default)
    {
        List<(long Id, Guid WorkspaceId)> unsent;
        await using (var scope = scopes.CreateAsyncScope())
        {
            unsent = await scope.ServiceProvider.GetRequiredService<ConversationMailer>()
                .UnsentAsync(Clock.GetUtcNow().UtcDateTime - Period, 100, ct);
        }

        var queued = 0;
        foreach (var (id, workspaceId) in unsent)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(workspaceId);
            if (await scope.ServiceProvider.GetRequiredService<ConversationMailer>().SendAsync(id, ct))
            {
                queued++;
            }
        }

        return queued;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sweep for unsent email replies failed; it runs again in a minute")]
    private partial void LogSweepFailed(Exception ex);

    protected override void OnSweepFailed(Exception ex) => LogSweepFailed(ex);
}
