using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Analytics.Rollups;

/// <summary>
/// Keeps the daily rollups equal to the raw answers, after the commits that change them and off the
/// request threads:
/// <list type="number">
/// <item>Marks (<see cref="RollupMark"/>) are claimed in a batch, resolved to the workspace's local days, and
/// those days recomputed from raw rows; the marks are deleted in the same transaction as the new rows.
/// A crash before the commit leaves the marks, so the work is done again, never lost.</item>
/// <item>A workspace with no ready <see cref="RollupState"/> in its current time zone (new, existing data
/// before rollups, a zone change, a mark for the whole workspace) is rebuilt a range of days per
/// transaction, the cursor saved with each range so a restart resumes.</item>
/// </list>
/// On SQLite the work runs on the group-commit writer, between batches of answers (a second writer would
/// hold the lock they wait for). On PostgreSQL marks are claimed with FOR UPDATE SKIP LOCKED and each
/// workspace's rollups are written under a transaction-scoped advisory lock, so several nodes can run this.
/// </summary>
public sealed partial class RollupMaintainer(
    IServiceScopeFactory scopes,
    GroupCommitWriter writer,
    RollupSignal signal,
    IOptions<RollupOptions> options,
    IOptions<DatabaseOptions> database,
    TimeProvider clock,
    ILogger<RollupMaintainer> logger) : BackgroundService
{
    /// <summary>How long a wake-up waits for more marks before handling them together.</summary>
    public static readonly TimeSpan Gathering = TimeSpan.FromMilliseconds(200);

    private bool Postgres => database.Value.Provider == DatabaseProvider.Postgres;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunMaintainer)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await StepAsync(stoppingToken)
                    && await signal.WaitAsync(TimeSpan.FromSeconds(options.Value.PollSeconds), stoppingToken))
                {
                    await Task.Delay(Gathering, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogStepFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(options.Value.PollSeconds), clock, stoppingToken);
            }
        }
    }

    /// <summary>Works until every mark is handled and every workspace is rebuilt (tests, the seed verb, benchmarks).</summary>
    public async Task CatchUpAsync(CancellationToken ct = default)
    {
        while (await StepAsync(ct))
        {
        }
    }

    /// <summary>One batch of marks, or one range of one rebuild; false when there was nothing to do.</summary>
    public async Task<bool> StepAsync(CancellationToken ct)
    {
        var worked = false;
        await RunAsync(async db => worked = await HandleMarksAsync(db, ct) || await RebuildNextAsync(db, ct), ct);
        return worked;
    }

    private async Task RunAsync(Func<TouchpointDbContext, Task> work, CancellationToken ct)
    {
        if (Postgres)
        {
            using var scope = scopes.CreateScope();
            await work(scope.ServiceProvider.GetRequiredService<TouchpointDbContext>());
        }
        else
        {
            await writer.RunAsync(work, ct);
        }
    }

    private async Task<bool> HandleMarksAsync(TouchpointDbContext db, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var size = options.Value.BatchSize;
        var marks = Postgres
            ? await db.RollupMarks.FromSql($"""SELECT * FROM "RollupMarks" ORDER BY "Id" LIMIT {size} FOR UPDATE SKIP LOCKED""").ToListAsync(ct)
            : await db.RollupMarks.OrderBy(m => m.Id).Take(size).ToListAsync(ct);
        if (marks.Count == 0)
        {
            return false;
        }

        foreach (var group in marks.GroupBy(m => m.WorkspaceId))
        {
            var workspace = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == group.Key, ct);
            if (workspace is null)
            {
                continue;
            }

            await LockAsync(db, workspace.Id, ct);
            if (group.Any(m => m.Kind == RollupMarkKind.Workspace))
            {
                // Rebuilt from scratch by RebuildNextAsync; until then readers read raw rows.
                await db.RollupStates.Where(s => s.WorkspaceId == workspace.Id).ExecuteDeleteAsync(ct);
                continue;
            }

            var days = await DaysAsync(db, workspace, group.ToList(), ct);
            foreach (var (first, last) in Runs(days))
            {
                await RollupBuilder.RebuildAsync(db, workspace, first, last, ct);
            }
        }

        var ids = marks.Select(m => m.Id).ToList();
        await db.RollupMarks.Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return true;
    }

    /// <summary>The local days the marks touch, in the workspace's zone.</summary>
    private static async Task<SortedSet<DateOnly>> DaysAsync(TouchpointDbContext db, Workspace workspace, List<RollupMark> marks,
        CancellationToken ct)
    {
        var calendar = new PeriodCalendar(workspace.TimeZoneInfo, workspace.WeekStart);
        var days = new SortedSet<DateOnly>();
        var instants = new List<DateTime>();
        foreach (var mark in marks.Where(m => m.Kind == RollupMarkKind.Day && m.UtcDay is not null))
        {
            // A UTC date overlaps one or two local dates (three at most, around a zone's date line).
            var start = mark.UtcDay!.Value;
            for (var day = calendar.LocalDate(start); day <= calendar.LocalDate(start.AddDays(1).AddTicks(-1)); day = day.AddDays(1))
            {
                days.Add(day);
            }
        }

        var id = workspace.Id;
        var responses = db.Responses.IgnoreQueryFilters().Where(r => r.WorkspaceId == id);
        var responseIds = marks.Where(m => m.Kind == RollupMarkKind.Response && m.RowId is not null).Select(m => m.RowId!.Value).ToList();
        if (responseIds.Count > 0)
        {
            instants.AddRange(await responses.Where(r => responseIds.Contains(r.Id)).Select(r => r.SubmittedAt).ToListAsync(ct));
        }

        var textIds = marks.Where(m => m.Kind == RollupMarkKind.Text && m.RowId is not null).Select(m => m.RowId!.Value).ToList();
        if (textIds.Count > 0)
        {
            var ofTexts = db.AnalyzedTexts.IgnoreQueryFilters().Where(t => t.WorkspaceId == id && textIds.Contains(t.Id)).Select(t => t.ResponseId);
            instants.AddRange(await responses.Where(r => ofTexts.Contains(r.Id)).Select(r => r.SubmittedAt).ToListAsync(ct));
        }

        var conversationIds = marks.Where(m => m.Kind == RollupMarkKind.Conversation && m.ConversationId is not null)
            .Select(m => m.ConversationId).ToList();
        if (conversationIds.Count > 0)
        {
            instants.AddRange(await responses.Where(r => conversationIds.Contains(r.ConversationId)).Select(r => r.SubmittedAt).ToListAsync(ct));
        }

        days.UnionWith(instants.Select(calendar.LocalDate));
        return days;
    }

    /// <summary>Consecutive days as (first, last) runs, so a run is read in one query.</summary>
    private static IEnumerable<(DateOnly First, DateOnly Last)> Runs(SortedSet<DateOnly> days)
    {
        DateOnly? first = null, last = null;
        foreach (var day in days)
        {
            if (last is { } l && day == l.AddDays(1))
            {
                last = day;
                continue;
            }

            if (first is { } f)
            {
                yield return (f, last!.Value);
            }

            first = last = day;
        }

        if (first is { } start)
        {
            yield return (start, last!.Value);
        }
    }

    /// <summary>One range of days of one workspace whose rollups are not ready; false when all are.</summary>
    private async Task<bool> RebuildNextAsync(TouchpointDbContext db, CancellationToken ct)
    {
        var due = await db.Workspaces.AsNoTracking()
            .Where(w => !db.RollupStates.Any(s => s.WorkspaceId == w.Id && s.Ready && s.TimeZone == w.TimeZone))
            .OrderBy(w => w.Id).FirstOrDefaultAsync(ct);
        if (due is null)
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(db, due.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var state = await db.RollupStates.FirstOrDefaultAsync(s => s.WorkspaceId == due.Id, ct);
        if (state is { Ready: true } && state.TimeZone == due.TimeZone)
        {
            // Another node finished it while this one waited for the lock.
            return true;
        }

        if (state is null || state.TimeZone != due.TimeZone)
        {
            if (state is not null)
            {
                db.RollupStates.Remove(state);
                await db.SaveChangesAsync(ct);
            }

            state = new RollupState { WorkspaceId = due.Id, TimeZone = due.TimeZone, UpdatedAt = now };
            db.RollupStates.Add(state);
            await db.MetricRollups.Where(r => r.WorkspaceId == due.Id).ExecuteDeleteAsync(ct);
            LogRebuildStarted(due.Id, due.TimeZone);
        }

        var id = due.Id;
        var answered = db.Responses.IgnoreQueryFilters()
            .Where(r => r.WorkspaceId == id && r.Status == ResponseStatus.Completed && r.Score != null);
        var calendar = new PeriodCalendar(due.TimeZoneInfo, due.WeekStart);
        var next = state.RebuiltThrough?.AddDays(1);
        if (next is { } resumeAt)
        {
            var resumeUtc = calendar.StartOfDayUtc(resumeAt);
            answered = answered.Where(r => r.SubmittedAt >= resumeUtc);
        }

        var earliest = await answered.OrderBy(r => r.SubmittedAt).Select(r => (DateTime?)r.SubmittedAt).FirstOrDefaultAsync(ct);
        if (earliest is null)
        {
            state.Ready = true;
            LogRebuildFinished(due.Id);
        }
        else
        {
            var first = calendar.LocalDate(earliest.Value);
            var last = first.AddDays(options.Value.RebuildDays - 1);
            await RollupBuilder.RebuildAsync(db, due, first, last, ct);
            state.RebuiltThrough = last;
        }

        state.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return true;
    }

    /// <summary>PostgreSQL: one writer of a workspace's rollups at a time, across nodes, until the transaction ends.</summary>
    private async Task LockAsync(TouchpointDbContext db, Guid workspaceId, CancellationToken ct)
    {
        if (Postgres)
        {
            var key = BitConverter.ToInt64(workspaceId.ToByteArray(), 8);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Maintaining the metric rollups failed; trying again shortly")]
    private partial void LogStepFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilding the metric rollups of workspace {WorkspaceId} in time zone {TimeZone}")]
    private partial void LogRebuildStarted(Guid workspaceId, string timeZone);

    [LoggerMessage(Level = LogLevel.Information, Message = "The metric rollups of workspace {WorkspaceId} are ready")]
    private partial void LogRebuildFinished(Guid workspaceId);
}
