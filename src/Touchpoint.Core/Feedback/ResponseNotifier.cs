using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Touchpoint.Core.Data;
using Touchpoint.Core.Email;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Feedback;

/// <summary>
/// Turns completed responses into their consequences: one outbox row per subscribed webhook, written
/// in the same transaction that sets <see cref="Response.Notified"/>, then a line on the live feed.
/// Answers in workspaces known to have no subscriber never come here: they are saved announced
/// (<see cref="ResponseAnnouncement"/>); this claim is what tells that a workspace has none.
/// A batch is claimed under a write lock (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite's transactions
/// take the single write lock up front), so two nodes never queue the same webhook twice. The claim
/// runs on the group-commit writer, between two batches of answers: on SQLite a second writer would
/// hold the lock the answers wait for. Woken by <see cref="ResponseSignal"/> (after a short gathering
/// pause, so a busy minute costs a few claims, not one per answer) and by a poll, so a crash between
/// completion and here loses nothing.
/// </summary>
public sealed partial class ResponseNotifier(
    GroupCommitWriter writer,
    ResponseSignal signal,
    ResponseFeed feed,
    WebhookSubscriptions subscriptions,
    OutboxSignal outbox,
    IOptions<ResponseNotifierOptions> options,
    IOptions<DatabaseOptions> database,
    TimeProvider clock,
    ILogger<ResponseNotifier> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunNotifier)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var handled = await NotifyDueAsync(stoppingToken);
                if (handled < options.Value.BatchSize
                    && await signal.WaitAsync(TimeSpan.FromSeconds(options.Value.PollSeconds), stoppingToken))
                {
                    await Task.Delay(Gathering, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or JsonException)
            {
                LogNotifyFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(options.Value.PollSeconds), clock, stoppingToken);
            }
        }
    }

    /// <summary>How long a wake-up waits for more answers before claiming them together.</summary>
    public static readonly TimeSpan Gathering = TimeSpan.FromMilliseconds(200);

    /// <summary>Handles one batch of completed, unannounced responses; returns how many.</summary>
    public async Task<int> NotifyDueAsync(CancellationToken ct)
    {
        Claimed? claimed = null;
        await writer.RunAsync(async db => claimed = await ClaimAsync(db, ct), ct);
        if (claimed is not { Due: var due, Queued: var queued })
        {
            return 0;
        }

        if (queued > 0)
        {
            outbox.Notify();
        }

        foreach (var r in due)
        {
            feed.Publish(ResponseFeed.Item.Of(r));
        }

        return due.Count;
    }

    private sealed record Claimed(List<Response> Due, int Queued);

    /// <summary>Marks a batch announced and queues its webhooks, in one transaction; null when nothing is due.</summary>
    private async Task<Claimed?> ClaimAsync(TouchpointDbContext db, CancellationToken ct)
    {
        var size = options.Value.BatchSize;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var due = database.Value.Provider == DatabaseProvider.Postgres
            ? await db.Responses.FromSql($"""
                SELECT * FROM "Responses" WHERE "Status" = 'Completed' AND NOT "Notified"
                ORDER BY "Id" LIMIT {size} FOR UPDATE SKIP LOCKED
                """).IgnoreQueryFilters().ToListAsync(ct)
            : await db.Responses.IgnoreQueryFilters()
                .Where(r => r.Status == ResponseStatus.Completed && !r.Notified)
                .OrderBy(r => r.Id).Take(size).ToListAsync(ct);
        if (due.Count == 0)
        {
            return null;
        }

        var workspaceIds = due.Select(r => r.WorkspaceId).Distinct().ToList();
        var surveyIds = due.Select(r => r.SurveyId).Distinct().ToList();
        var customerIds = due.Where(r => r.CustomerId is not null).Select(r => r.CustomerId!.Value).Distinct().ToList();
        var stamp = subscriptions.Stamp;
        var webhooks = (await db.Webhooks.IgnoreQueryFilters().AsNoTracking()
                .Where(w => w.Active && workspaceIds.Contains(w.WorkspaceId)).ToListAsync(ct))
            .Where(w => WebhookEvents.Of(w).Contains(WebhookEvents.ResponseCompleted))
            .ToLookup(w => w.WorkspaceId);
        foreach (var workspace in workspaceIds)
        {
            // Read anyway: the next answers of a workspace without subscribers skip this claim.
            subscriptions.Remember(workspace, webhooks[workspace].Any(), stamp);
        }

        var surveys = await db.Surveys.IgnoreQueryFilters().AsNoTracking().Where(s => surveyIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => new SurveyFacts(s.Name, s.Anonymous), ct);
        var externalIds = customerIds.Count == 0
            ? []
            : await db.Customers.IgnoreQueryFilters().AsNoTracking().Where(c => customerIds.Contains(c.Id))
                .ToDictionaryAsync(c => c.Id, c => c.ExternalId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var queued = 0;
        foreach (var response in due)
        {
            response.Notified = true;
            var survey = surveys.GetValueOrDefault(response.SurveyId, new SurveyFacts("", false));
            foreach (var webhook in webhooks[response.WorkspaceId])
            {
                db.Outbox.Add(new OutboxMessage
                {
                    WorkspaceId = response.WorkspaceId,
                    Kind = WebhookSender.Kind,
                    Recipient = webhook.Url,
                    Reference = WebhookSender.ReferenceOf(webhook.Id),
                    Subject = WebhookEvents.ResponseCompleted,
                    TextBody = Payload(response, survey, externalIds, now),
                    CreatedAt = now,
                    NextAttemptAt = now,
                });
                queued++;
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Claimed(due, queued);
    }

    private sealed record SurveyFacts(string Name, bool Anonymous);

    /// <summary>The body every subscriber of response.completed receives (docs/api.md, "Webhooks").</summary>
    private static string Payload(Response r, SurveyFacts survey, Dictionary<Guid, string?> externalIds, DateTime now)
    {
        var data = new JsonObject
        {
            ["id"] = r.Id,
            ["survey"] = new JsonObject { ["id"] = r.SurveyId, ["name"] = survey.Name, ["version"] = r.Version },
            ["status"] = "completed",
            ["metric"] = r.Metric.ToString().ToLowerInvariant(),
            ["score"] = r.Score,
            ["comment"] = r.Comment,
            ["answers"] = JsonNode.Parse(r.Answers),
            ["channel"] = r.Channel?.ToString().ToLowerInvariant(),
            ["touchPointId"] = r.TouchPointId,
            ["journeyStageId"] = r.JourneyStageId,
            ["agent"] = r.Agent,
            ["orderId"] = r.OrderId,
            ["conversationId"] = r.ConversationId,
            ["language"] = r.Language,
            ["device"] = r.Device,
            ["startedAt"] = Instant(r.StartedAt),
            ["submittedAt"] = Instant(r.SubmittedAt),
            ["durationSeconds"] = r.DurationSeconds,
            // Anonymous surveys keep no identity; the webhook must not add one.
            ["customer"] = survey.Anonymous || r.CustomerId is not { } customerId
                ? null
                : new JsonObject { ["id"] = customerId, ["externalId"] = externalIds.GetValueOrDefault(customerId) },
        };
        var body = new JsonObject
        {
            ["type"] = WebhookEvents.ResponseCompleted,
            ["timestamp"] = Instant(now),
            ["data"] = data,
        };
        return body.ToJsonString();
    }

    private static string Instant(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Error, Message = "Announcing completed responses failed; retrying after the poll interval")]
    private partial void LogNotifyFailed(Exception ex);
}
