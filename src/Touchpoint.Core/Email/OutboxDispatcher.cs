using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Email;

/// <summary>
/// Delivers outbox rows with retries and exponential backoff. A row is first leased in a short
/// transaction (on PostgreSQL with FOR UPDATE SKIP LOCKED, so several nodes share the work), then sent
/// outside any transaction: SQLite has one writer, and an SMTP round trip must not hold it.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    IEmailSender sender,
    WebhookSender webhooks,
    IOptions<OutboxOptions> options,
    IOptions<DatabaseOptions> database,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunDispatcher)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sent = await DispatchDueAsync(stoppingToken);
                if (sent < options.Value.BatchSize)
                {
                    await signal.WaitAsync(TimeSpan.FromSeconds(options.Value.PollSeconds), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogDispatchFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(options.Value.PollSeconds), clock, stoppingToken);
            }
        }
    }

    /// <summary>Sends what is due now; returns how many rows it handled.</summary>
    private async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var claimed = await ClaimAsync(ct);
        foreach (var message in claimed)
        {
            await DeliverAsync(message, ct);
        }

        return claimed.Count;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var size = options.Value.BatchSize;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var due = database.Value.Provider == DatabaseProvider.Postgres
            ? await db.Outbox.FromSql($"""
                SELECT * FROM "Outbox"
                WHERE "Status" = 'Pending' AND "NextAttemptAt" <= {now} AND ("LockedUntil" IS NULL OR "LockedUntil" < {now})
                ORDER BY "Id" LIMIT {size} FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct)
            : await db.Outbox
                .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
                .OrderBy(m => m.Id).Take(size).ToListAsync(ct);
        foreach (var message in due)
        {
            message.LockedUntil = now.AddSeconds(options.Value.LeaseSeconds);
            message.Attempts++;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return due;
    }

    private async Task DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        string? error = null;
        try
        {
            if (message.Kind == WebhookSender.Kind)
            {
                await webhooks.SendAsync(message, ct);
            }
            else
            {
                await sender.SendAsync(new EmailMessage(message.Recipient, message.Subject, message.TextBody, message.HtmlBody,
                    message.ReadHeaders(), await FilesAsync(message, ct)), message.MessageId, ct);
            }
        }
        catch (Exception ex) when (ex is System.Net.Mail.SmtpException or IOException or InvalidOperationException or System.Net.Sockets.SocketException
            or FormatException or HttpRequestException or WebhookDeliveryException
            || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            // A webhook timeout surfaces as a cancellation that no one asked for.
            error = ex is TaskCanceledException ? "The receiver did not answer in time." : ex.Message;
            LogDeliveryFailed(message.Id, message.Attempts, ex.Message);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        var row = await db.Outbox.FirstAsync(m => m.Id == message.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        row.LockedUntil = null;
        if (error is null)
        {
            row.Status = OutboxStatus.Sent;
            row.SentAt = now;
            row.LastError = null;
        }
        else
        {
            row.LastError = error.Length > 2000 ? error[..2000] : error;
            row.Status = row.Attempts >= options.Value.MaxAttempts ? OutboxStatus.Failed : OutboxStatus.Pending;
            row.NextAttemptAt = now + Backoff(row.Attempts);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The conversation files the email carries, read from the row's own workspace (the dispatcher
    /// serves every workspace). A file deleted since the email was queued is simply not attached.
    /// </summary>
    private async Task<IReadOnlyList<EmailAttachment>?> FilesAsync(OutboxMessage message, CancellationToken ct)
    {
        var ids = message.ReadFiles();
        if (ids.Count == 0)
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        var files = await db.MessageAttachments.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.WorkspaceId == message.WorkspaceId && ids.Contains(a.Id))
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(ct);
        return files.ConvertAll(f => new EmailAttachment(f.FileName, f.ContentType, f.Content));
    }

    /// <summary>15 s, 30 s, 1 min, ... capped at one hour.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(3600, 15 * Math.Pow(2, Math.Max(0, attempts - 1))));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} failed on attempt {Attempt}: {Error}")]
    private partial void LogDeliveryFailed(long id, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox dispatch failed; retrying after the poll interval")]
    private partial void LogDispatchFailed(Exception ex);
}
