using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Analytics.Outcomes;

/// <summary>
/// Recomputes churn-risk scores off the request thread: a workspace is due when it has never been
/// scored, its scores are older than a day, or someone pressed "Recompute" after the last run (the
/// request is a stored timestamp, so a restart loses nothing: the next round picks it up).
/// </summary>
public sealed partial class ChurnRiskSweep(IServiceScopeFactory scopes, IOptions<ChurnRiskOptions> options, TimeProvider clock,
    ILogger<ChurnRiskSweep> logger) : PeriodicSweep(TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds)), clock)
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Enabled ? base.ExecuteAsync(stoppingToken) : Task.CompletedTask;

    /// <returns>How many workspaces were recomputed.</returns>
    public override async Task<int> SweepAsync(CancellationToken ct = default)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var staleBefore = now.AddHours(-options.Value.RecomputeHours);
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
            var fits = await db.ChurnModelFits.IgnoreQueryFilters().AsNoTracking()
                .ToDictionaryAsync(f => f.WorkspaceId, f => f.ComputedAt, ct);
            var requests = await db.OutcomeSettings.IgnoreQueryFilters().AsNoTracking().Where(s => s.RecomputeRequestedAt != null)
                .ToDictionaryAsync(s => s.WorkspaceId, s => s.RecomputeRequestedAt!.Value, ct);
            var workspaces = await db.Workspaces.AsNoTracking().Select(w => w.Id).ToListAsync(ct);
            due = workspaces.Where(w => !fits.TryGetValue(w, out var at) || at < staleBefore
                || (requests.TryGetValue(w, out var asked) && asked >= at)).ToList();
        }

        foreach (var workspaceId in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(workspaceId);
            await scope.ServiceProvider.GetRequiredService<ChurnRiskService>().RecomputeAsync(ct);
        }

        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The churn-risk sweep failed; it tries again on its next round")]
    private partial void LogSweepFailed(Exception ex);

    protected override void OnSweepFailed(Exception ex) => LogSweepFailed(ex);
}
