using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Touchpoint.Core.Data;

/// <summary>
/// The single writer for high-volume rows (survey responses, tracking events, chat messages): many
/// requests, one transaction. Each caller's task completes only after its row is committed, so an acknowledgement
/// always means "on disk". Under load the batch grows by itself (whatever queued during the last
/// commit goes into the next), which amortizes the commit's fsync; with no load a row is committed
/// at once, alone. A batch that fails is retried row by row, so one bad row never sinks the others.
/// On shutdown the queue is drained before the host stops.
/// </summary>
public sealed partial class GroupCommitWriter(IServiceScopeFactory scopes, ILogger<GroupCommitWriter> logger) : BackgroundService
{
    public const int MaxBatch = 256;

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(16 * MaxBatch)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>
    /// A row to insert; or (when <see cref="Stage"/> is set) changes to make in the batch's context,
    /// committed with the batch; or (when <see cref="Work"/> is set) a statement to run between batches.
    /// </summary>
    private sealed record Pending(object? Entity, TaskCompletionSource<object?> Committed, Func<TouchpointDbContext, Task>? Work = null,
        Func<TouchpointDbContext, Task<object?>>? Stage = null, StagePreload? Preload = null, object? Key = null)
    {
        public static TaskCompletionSource<object?> NewCompletion() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// Queues a new entity and waits until it is committed. Its store-generated key is set when this
    /// returns. The entity must carry its workspace: the writer acts in none.
    /// </summary>
    public Task WriteAsync(object entity, CancellationToken ct = default) => WriteAsync(entity, [], ct);

    /// <summary>
    /// Queues a new entity with rows that belong to it (such as the analyses of a response's comments,
    /// which point at it) and waits until all are committed, in the same batch and transaction.
    /// </summary>
    public async Task WriteAsync(object entity, IReadOnlyList<object> with, CancellationToken ct = default)
    {
        if (MissesWorkspace(entity) || with.Any(MissesWorkspace))
        {
            throw new ArgumentException("Set every entity's workspace before queueing it.", nameof(entity));
        }

        var pending = new Pending(with.Count == 0 ? entity : new EntityGroup([entity, .. with]), Pending.NewCompletion());
        await _queue.Writer.WriteAsync(pending, ct);
        // Not cancellable once queued: the row may commit, and the caller must then hear that it did.
        await pending.Committed.Task;
    }

    private static bool MissesWorkspace(object entity) => entity is IWorkspaceOwned { WorkspaceId: var workspace } && workspace == Guid.Empty;

    /// <summary>Rows inserted together, in one save.</summary>
    private sealed record EntityGroup(IReadOnlyList<object> Entities);

    /// <summary>
    /// Runs other writes of hot rows (such as "last seen" times) on this writer, between two batches:
    /// on SQLite a second writer would wait for the lock, and the wait shows up in every queued
    /// request's latency. The context acts in no workspace; the work says which rows it touches.
    /// </summary>
    public async Task RunAsync(Func<TouchpointDbContext, Task> work, CancellationToken ct = default)
    {
        var pending = new Pending(null, Pending.NewCompletion(), work);
        await _queue.Writer.WriteAsync(pending, ct);
        await pending.Committed.Task;
    }

    /// <summary>
    /// Queues changes that need to read before they write (a chat message takes its conversation's
    /// next number): <paramref name="stage"/> runs on the writer in the batch's context and
    /// transaction, after the batch's earlier stages (so it sees what they changed, in
    /// <c>Local</c>), and must only read and track changes, never save. Its result is returned once
    /// the batch is committed. If the batch fails, every stage is run again alone in a fresh context.
    /// The context acts in no workspace: the stage says which rows it reads.
    /// </summary>
    public async Task<T> StageAsync<T>(Func<TouchpointDbContext, Task<T>> stage, CancellationToken ct = default) =>
        await StageAsync(stage, preload: null, key: null, ct);

    /// <summary>
    /// Reads what a batch's stages of one kind need in one go, before they run: called once per batch
    /// with the keys of all its stages that name this preload, in the batch's context and transaction.
    /// It tracks what it reads, so the stages find it in <c>Local</c> (one round trip, not one per stage).
    /// </summary>
    public delegate Task StagePreload(TouchpointDbContext db, IReadOnlyList<object> keys);

    /// <inheritdoc cref="StageAsync{T}(Func{TouchpointDbContext, Task{T}}, CancellationToken)"/>
    /// <param name="preload">Reads for all stages of the batch at once (see <see cref="StagePreload"/>); the same delegate for one kind of stage.</param>
    /// <param name="key">What this stage needs preloaded.</param>
    public async Task<T> StageAsync<T>(Func<TouchpointDbContext, Task<T>> stage, StagePreload? preload, object? key, CancellationToken ct = default)
    {
        var pending = new Pending(null, Pending.NewCompletion(), Stage: async db => await stage(db), Preload: preload, Key: key);
        await _queue.Writer.WriteAsync(pending, ct);
        // As for rows: once queued the change may commit, so the caller waits to hear.
        return (T)(await pending.Committed.Task)!;
    }

    // 0 until one thread has taken the queue: the writer's own thread, or StopAsync when the host
    // stopped before ExecuteAsync ran (it runs on the thread pool and a stop may cancel it unstarted).
    private int _drainerClaimed;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Commits on a thread of its own, with the blocking database calls: SQLite's async API is
    /// synchronous inside, and a pool thread blocked for each commit's fsync would hold up the
    /// requests waiting to be parsed and queued (on one core, all of them). Ends when StopAsync
    /// completes the queue and everything in it is written.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Interlocked.Exchange(ref _drainerClaimed, 1) == 0)
        {
            new Thread(DrainToEnd) { IsBackground = true, Name = "Group commit" }.Start();
        }

        return _drained.Task;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        if (Interlocked.Exchange(ref _drainerClaimed, 1) == 0)
        {
            // Never started: whatever is queued is written here, not dropped.
            await Task.Run(DrainToEnd, CancellationToken.None);
        }

        await _drained.Task;
    }

    private void DrainToEnd()
    {
        try
        {
            Drain();
            _drained.TrySetResult();
        }
        catch (Exception ex)
        {
            _drained.TrySetException(ex);
        }
    }

    private void Drain()
    {
        var batch = new List<Pending>(MaxBatch);
        while (_queue.Reader.WaitToReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryPeek(out var next))
            {
                if (next.Work is not null && batch.Count > 0)
                {
                    break;
                }

                _queue.Reader.TryRead(out var pending);
                if (pending!.Work is { } work)
                {
                    RunWork(work, pending.Committed);
                    continue;
                }

                batch.Add(pending);
            }

            if (batch.Count > 0)
            {
                Commit(batch);
                batch.Clear();
            }
        }
    }

    /// <summary>A staged change that meets a conflict alone (a deadlock, a number taken elsewhere) is tried again on fresh data.</summary>
    private const int StageAttempts = 3;

    private void Commit(IReadOnlyList<Pending> batch, int attempt = 1)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
            // Only new rows, each added once: there are no changes to detect, and detecting them was a
            // tenth of a busy server's time. Stages change what they read, so then changes are detected once.
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var staged = batch.Any(p => p.Stage is not null);
            using var transaction = staged ? db.Database.BeginTransaction() : null;
            var results = new object?[batch.Count];
            foreach (var kind in batch.Where(p => p.Preload is not null).GroupBy(p => p.Preload!))
            {
                kind.Key(db, kind.Select(p => p.Key!).ToList()).GetAwaiter().GetResult();
            }

            for (var i = 0; i < batch.Count; i++)
            {
                if (batch[i].Stage is { } stage)
                {
                    results[i] = stage(db).GetAwaiter().GetResult();
                }
                else if (batch[i].Entity is EntityGroup group)
                {
                    db.AddRange(group.Entities);
                }
                else
                {
                    db.Add(batch[i].Entity!);
                }
            }

            if (staged)
            {
                db.ChangeTracker.DetectChanges();
            }

            db.SaveChanges();
            transaction?.Commit();
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Committed.TrySetResult(results[i]);
            }
        }
        catch (Exception ex) when (batch.Count > 1 && (ex is DbUpdateException || batch.Any(p => p.Stage is not null)))
        {
            LogBatchRetried(batch.Count, ex.Message);
            foreach (var pending in batch)
            {
                Commit([pending]);
            }
        }
        catch (DbUpdateException) when (batch is [{ Stage: not null }] && attempt < StageAttempts)
        {
            Commit(batch, attempt + 1);
        }
        catch (Exception ex)
        {
            foreach (var pending in batch)
            {
                pending.Committed.TrySetException(ex);
            }
        }
    }

    private void RunWork(Func<TouchpointDbContext, Task> work, TaskCompletionSource<object?> done)
    {
        try
        {
            using var scope = scopes.CreateScope();
            work(scope.ServiceProvider.GetRequiredService<TouchpointDbContext>()).GetAwaiter().GetResult();
            done.TrySetResult(null);
        }
        catch (Exception ex)
        {
            done.TrySetException(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} rows failed ({Error}); writing them one by one")]
    private partial void LogBatchRetried(int count, string error);
}
