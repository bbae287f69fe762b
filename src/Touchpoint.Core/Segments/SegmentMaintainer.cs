using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Segments;

/// <summary>
/// Keeps segment members, personas and lifecycle stages current. Changed customers (from
/// <see cref="CustomerChanges"/>) are collected for a moment and re-evaluated together, per workspace,
/// against every rule; a periodic full recompute catches time windows and other nodes' writes. All
/// writes are diffs, so several nodes may run this at once. It notifies nothing further.
/// </summary>
public sealed partial class SegmentMaintainer(
    IServiceScopeFactory scopes,
    CustomerChanges changes,
    IOptions<SegmentOptions> options,
    TimeProvider clock,
    ILogger<SegmentMaintainer> logger) : BackgroundService
{
    // One evaluation at a time per process: SQLite has one writer, and the two loops touch the same rows.
    private readonly SemaphoreSlim _gate = new(1, 1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.RunMaintainer
            ? Task.WhenAll(FollowChangesAsync(stoppingToken), RecomputePeriodicallyAsync(stoppingToken))
            : Task.CompletedTask;

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    private async Task FollowChangesAsync(CancellationToken ct)
    {
        try
        {
            while (await changes.Reader.WaitToReadAsync(ct))
            {
                await Task.Delay(options.Value.ChangeWindow, clock, ct);
                var changed = new HashSet<(Guid WorkspaceId, Guid CustomerId)>();
                while (changes.Reader.TryRead(out var change))
                {
                    changed.Add(change);
                }

                foreach (var workspace in changed.GroupBy(c => c.WorkspaceId))
                {
                    await RunAsync(workspace.Key, workspace.Select(c => c.CustomerId).ToList(), ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task RecomputePeriodicallyAsync(CancellationToken ct)
    {
        try
        {
            do
            {
                List<Guid> workspaces;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    workspaces = await scope.ServiceProvider.GetRequiredService<TouchpointDbContext>().Workspaces
                        .Select(w => w.Id).ToListAsync(ct);
                }

                foreach (var workspace in workspaces)
                {
                    await RunAsync(workspace, null, ct);
                }

                await Task.Delay(options.Value.RecomputeInterval, clock, ct);
            }
            while (!ct.IsCancellationRequested);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>Re-evaluates some customers (or all, when <paramref name="only"/> is null) of one workspace; a failure is logged and left to the next round.</summary>
    private async Task RunAsync(Guid workspaceId, IReadOnlyCollection<Guid>? only, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(workspaceId);
            await scope.ServiceProvider.GetRequiredService<SegmentEvaluator>().RefreshAsync(only, ct);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            LogFailed(ex, workspaceId);
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-evaluating segments of workspace {WorkspaceId} failed; the next round retries.")]
    private partial void LogFailed(Exception ex, Guid workspaceId);
}
