using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;

namespace Touchpoint.Core.Cases.Alerts;

/// <summary>
/// Evaluates the alert rules on new data after it is committed, off the request threads: completed
/// responses and tracked events in order, through a cursor per stream (<see cref="AlertCursor"/>),
/// and recent conversations (resolved, rated, or still waiting for a first reply). Each match fires
/// in a transaction of its own with an <see cref="AlertFiring"/> row, unique per rule and item, so
/// work read twice (after a crash before the cursor moved, or by two nodes) fires once. On
/// PostgreSQL a stream is claimed with FOR UPDATE SKIP LOCKED, so nodes do not even read it twice;
/// SQLite runs on one node. Woken by <see cref="AlertSignal"/> after a commit, and by its poll.
/// </summary>
public sealed partial class AlertWorker(
    IServiceScopeFactory scopes,
    AlertSignal signal,
    IOptions<AlertOptions> options,
    IOptions<DatabaseOptions> database,
    TimeProvider clock,
    ILogger<AlertWorker> logger) : BackgroundService
{
    public const string Responses = "responses";
    public const string Events = "events";
    public const string Conversations = "conversations";

    private const int FireAttempts = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunWorker)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var fired = await RunOnceAsync(stoppingToken);
                if (fired.Read < options.Value.BatchSize
                    && await signal.WaitAsync(TimeSpan.FromSeconds(options.Value.PollSeconds), stoppingToken))
                {
                    // What woke us was stamped before its commit; wait until it is older than the settle time.
                    await Task.Delay(TimeSpan.FromSeconds(Math.Max(0.2, options.Value.SettleSeconds)), clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogPassFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(options.Value.PollSeconds), clock, stoppingToken);
            }
        }
    }

    public sealed record Pass(int Read, int Fired);

    /// <summary>One pass over every stream: what was read and how many matches fired.</summary>
    public async Task<Pass> RunOnceAsync(CancellationToken ct = default)
    {
        var responses = await StreamAsync(Responses, AlertTrigger.Response, ReadResponsesAsync, ct);
        var events = await StreamAsync(Events, AlertTrigger.Event, ReadEventsAsync, ct);
        var conversations = await StreamAsync(Conversations, AlertTrigger.Conversation, ReadConversationsAsync, ct);
        return new Pass(Math.Max(responses.Read, events.Read), responses.Fired + events.Fired + conversations.Fired);
    }

    private delegate Task<List<AlertItem>> Reader(TouchpointDbContext db, Window window, CancellationToken ct);

    /// <summary>Items after (At, LastId), stamped at or before <paramref name="Until"/>, in the rules' workspaces.</summary>
    private sealed record Window(DateTime At, long LastId, DateTime Until, IReadOnlyList<Guid> Workspaces, int Size, DateTime Now);

    private async Task<Pass> StreamAsync(string stream, AlertTrigger trigger, Reader read, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        var rules = await db.AlertRules.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.Enabled && r.Trigger == trigger).ToListAsync(ct);
        if (rules.Count == 0)
        {
            return new Pass(0, 0);
        }

        await EnsureCursorAsync(stream, ct);
        var postgres = database.Value.Provider == DatabaseProvider.Postgres;
        // SQLite: one node, and a transaction here would take the write lock the ingest writer needs.
        await using IDbContextTransaction? claim = postgres ? await db.Database.BeginTransactionAsync(ct) : null;
        var cursor = postgres
            // Not composed on (no LIMIT around it): the lock clause stays the statement's own.
            ? (await db.AlertCursors.FromSql($"""SELECT * FROM "AlertCursors" WHERE "Stream" = {stream} FOR UPDATE SKIP LOCKED""")
                .ToListAsync(ct)).FirstOrDefault()
            : await db.AlertCursors.FirstOrDefaultAsync(c => c.Stream == stream, ct);
        if (cursor is null)
        {
            // Another node is reading this stream now.
            return new Pass(0, 0);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        // Nothing before the oldest rule can match: a rule fires on what happens after it was last saved
        // (made, changed or turned on), so turning a rule back on never fires on the backlog of while it was off.
        var oldestRule = rules.Min(r => r.UpdatedAt);
        var (at, lastId) = cursor.At >= oldestRule ? (cursor.At, cursor.LastId) : (oldestRule, long.MinValue);
        var window = new Window(at, lastId, now.AddSeconds(-options.Value.SettleSeconds),
            rules.Select(r => r.WorkspaceId).Distinct().ToList(), options.Value.BatchSize, now);
        var items = await read(db, window, ct);

        var byWorkspace = rules.ToLookup(r => r.WorkspaceId);
        var already = await AlreadyFiredAsync(db, trigger, rules, items, ct);
        var conditions = rules.ToDictionary(r => r.Id, r => SafeRead(r.Conditions));
        var fired = 0;
        AlertItem? done = null;
        foreach (var item in items)
        {
            foreach (var rule in byWorkspace[item.WorkspaceId])
            {
                if (rule.UpdatedAt <= item.At && !already.Contains((rule.Id, item.Key)) && AlertMatcher.Matches(conditions[rule.Id], item))
                {
                    if (!await FireAsync(rule, item, ct))
                    {
                        // Leave the cursor before this item: the next pass tries it again.
                        await MoveAsync(db, cursor, done, claim, ct);
                        return new Pass(items.Count, fired);
                    }

                    fired++;
                }
            }

            done = item;
        }

        await MoveAsync(db, cursor, trigger == AlertTrigger.Conversation ? null : done, claim, ct);
        return new Pass(items.Count, fired);
    }

    /// <summary>Conversations come round again each pass: what the rules already fired on, in one read.</summary>
    private static async Task<HashSet<(Guid, string)>> AlreadyFiredAsync(TouchpointDbContext db, AlertTrigger trigger, List<AlertRule> rules,
        List<AlertItem> items, CancellationToken ct)
    {
        if (trigger != AlertTrigger.Conversation || items.Count == 0)
        {
            return [];
        }

        var ruleIds = rules.Select(r => r.Id).ToList();
        var keys = items.Select(i => i.Key).ToList();
        return (await db.AlertFirings.IgnoreQueryFilters().AsNoTracking()
                .Where(f => ruleIds.Contains(f.AlertRuleId) && keys.Contains(f.ItemKey))
                .Select(f => new { f.AlertRuleId, f.ItemKey }).ToListAsync(ct))
            .Select(f => (f.AlertRuleId, f.ItemKey)).ToHashSet();
    }

    private static IReadOnlyList<AlertCondition> SafeRead(string json)
    {
        try
        {
            return AlertConditions.Read(json);
        }
        catch (System.Text.Json.JsonException)
        {
            // A rule whose conditions cannot be read matches nothing (Matches needs at least one condition).
            return [];
        }
    }

    private async Task MoveAsync(TouchpointDbContext db, AlertCursor cursor, AlertItem? last, IDbContextTransaction? claim, CancellationToken ct)
    {
        if (last is not null)
        {
            cursor.At = last.At;
            cursor.LastId = last.ResponseId ?? last.EventId ?? 0;
            cursor.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }

        if (claim is not null)
        {
            await claim.CommitAsync(ct);
        }
    }

    private async Task EnsureCursorAsync(string stream, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        if (await db.AlertCursors.AnyAsync(c => c.Stream == stream, ct))
        {
            return;
        }

        db.AlertCursors.Add(new AlertCursor { Stream = stream, At = DateTime.UnixEpoch, LastId = 0, UpdatedAt = clock.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node made it first.
        }
    }

    /// <summary>Fires one match in the rule's workspace; retried in a fresh scope when the save collides (a case number, a turn). False when it kept failing.</summary>
    private async Task<bool> FireAsync(AlertRule rule, AlertItem item, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(rule.WorkspaceId);
                var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
                // The rule as it is now: it may have been disabled or changed since the pass began.
                var current = await db.AlertRules.FirstOrDefaultAsync(r => r.Id == rule.Id && r.Enabled, ct);
                if (current is null || current.Conditions != rule.Conditions)
                {
                    return true;
                }

                await scope.ServiceProvider.GetRequiredService<AlertFirer>().FireAsync(current, item, ct);
                return true;
            }
            catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or InvalidOperationException && attempt < FireAttempts)
            {
                LogFireRetry(ex, rule.Id, item.Key);
            }
            catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                LogFireFailed(ex, rule.Id, item.Key);
                return false;
            }
        }
    }

    private static async Task<List<AlertItem>> ReadResponsesAsync(TouchpointDbContext db, Window w, CancellationToken ct)
    {
        var rows = await db.Responses.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.Status == ResponseStatus.Completed && w.Workspaces.Contains(r.WorkspaceId)
                && (r.SubmittedAt > w.At || (r.SubmittedAt == w.At && r.Id > w.LastId)) && r.SubmittedAt <= w.Until)
            .OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id).Take(w.Size).ToListAsync(ct);
        return await AlertFacts.OfResponsesAsync(db, rows, ct);
    }

    private static async Task<List<AlertItem>> ReadEventsAsync(TouchpointDbContext db, Window w, CancellationToken ct)
    {
        var rows = await db.Events.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.Name != null && w.Workspaces.Contains(e.WorkspaceId)
                && (e.ReceivedAt > w.At || (e.ReceivedAt == w.At && e.Id > w.LastId)) && e.ReceivedAt <= w.Until)
            .OrderBy(e => e.ReceivedAt).ThenBy(e => e.Id).Take(w.Size).ToListAsync(ct);
        return await AlertFacts.OfEventsAsync(db, rows, ct);
    }

    /// <summary>
    /// Conversations have no cursor: a rating or a long wait comes to an old row. The recent ones that
    /// were resolved, or still wait for a first reply, are read again each pass; the pass leaves out
    /// what a rule already fired on.
    /// </summary>
    private async Task<List<AlertItem>> ReadConversationsAsync(TouchpointDbContext db, Window w, CancellationToken ct)
    {
        var since = w.Now.AddHours(-options.Value.ConversationLookbackHours);
        if (since < w.At)
        {
            since = w.At;
        }

        var rows = await db.Conversations.IgnoreQueryFilters().AsNoTracking()
            .Where(c => w.Workspaces.Contains(c.WorkspaceId) && c.MergedIntoId == null
                && ((c.ResolvedAt != null && c.ResolvedAt >= since)
                    || (c.Status != ConversationStatus.Resolved && c.FirstResponseAt == null && c.CreatedAt >= since)))
            .OrderByDescending(c => c.CreatedAt).Take(10 * w.Size).ToListAsync(ct);
        if (rows.Count == 0)
        {
            return [];
        }

        return await AlertFacts.OfConversationsAsync(db, rows, w.Now, ct);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Evaluating alert rules failed; retrying after the poll interval")]
    private partial void LogPassFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Firing alert rule {RuleId} on {Item} failed; trying again")]
    private partial void LogFireRetry(Exception ex, Guid ruleId, string item);

    [LoggerMessage(Level = LogLevel.Error, Message = "Firing alert rule {RuleId} on {Item} failed; the next pass tries again")]
    private partial void LogFireFailed(Exception ex, Guid ruleId, string item);
}
