using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Email;

namespace Touchpoint.Core.Platform;

/// <summary>Creates, lists and deletes a workspace's webhooks, and shows what was delivered to them.</summary>
public sealed class WebhookService(TouchpointDbContext db, AuditLog audit, TimeProvider clock)
{
    public const int MaxDescription = 200;

    public sealed record Delivery(long Id, Guid? WebhookId, string Url, string Event, OutboxStatus Status, int Attempts,
        DateTime CreatedAt, DateTime? SentAt, DateTime NextAttemptAt, string? LastError);

    /// <summary>Field errors for a new webhook; empty when it can be created.</summary>
    public static Dictionary<string, string[]> Validate(string? url, IReadOnlyCollection<string>? events, string? description)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(url) || url.Length > 2000
            || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            errors["url"] = ["Give an absolute http:// or https:// URL of at most 2000 characters, without a user name or password."];
        }

        if (events is null || events.Count == 0)
        {
            errors["events"] = [$"Choose at least one event: {string.Join(", ", WebhookEvents.All)}."];
        }
        else if (events.FirstOrDefault(e => !WebhookEvents.IsKnown(e)) is { } unknown)
        {
            errors["events"] = [$"'{unknown}' is not an event. Known events: {string.Join(", ", WebhookEvents.All)}."];
        }

        if (description is { Length: > MaxDescription })
        {
            errors["description"] = [$"Keep the description under {MaxDescription} characters."];
        }

        return errors;
    }

    /// <summary>Creates a validated webhook with a new secret; the returned row carries the secret to show once.</summary>
    public async Task<Webhook> CreateAsync(string url, IReadOnlyCollection<string> events, string? description, string actor,
        CancellationToken ct = default)
    {
        var webhook = new Webhook
        {
            Url = url.Trim(),
            Events = string.Join(',', events.Distinct()),
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            Secret = WebhookSignature.NewSecret(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Webhooks.Add(webhook);
        audit.Record(actor, "webhook.created", webhook.Url, webhook.Events);
        await db.SaveChangesAsync(ct);
        return webhook;
    }

    /// <summary>Deletes a webhook; deliveries still waiting for it are marked failed, not sent.</summary>
    public async Task<bool> DeleteAsync(Guid id, string actor, CancellationToken ct = default)
    {
        var webhook = await db.Webhooks.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (webhook is null)
        {
            return false;
        }

        var reference = WebhookSender.ReferenceOf(id);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Outbox.Where(m => m.Reference == reference && m.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Failed)
                .SetProperty(m => m.LastError, "The webhook was deleted; nothing more is sent to it."), ct);
        db.Webhooks.Remove(webhook);
        audit.Record(actor, "webhook.deleted", webhook.Url);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    public Task<List<Webhook>> ListAsync(CancellationToken ct = default) =>
        db.Webhooks.AsNoTracking().OrderBy(w => w.CreatedAt).ToListAsync(ct);

    /// <summary>The newest deliveries of this workspace's webhooks, or of one webhook.</summary>
    public async Task<List<Delivery>> RecentDeliveriesAsync(Guid? webhookId = null, int take = 50, CancellationToken ct = default)
    {
        // The outbox is not workspace-filtered (password resets belong to no workspace): filter here.
        var workspaceId = db.CurrentWorkspaceId;
        var query = db.Outbox.AsNoTracking().Where(m => m.WorkspaceId == workspaceId && m.Kind == WebhookSender.Kind);
        if (webhookId is { } id)
        {
            var reference = WebhookSender.ReferenceOf(id);
            query = query.Where(m => m.Reference == reference);
        }

        var rows = await query.OrderByDescending(m => m.Id).Take(take).ToListAsync(ct);
        return rows.Select(m => new Delivery(m.Id,
            Guid.TryParse(m.Reference?[WebhookSender.ReferencePrefix.Length..], out var w) ? w : null,
            m.Recipient, m.Subject, m.Status, m.Attempts, m.CreatedAt, m.SentAt, m.NextAttemptAt, m.LastError)).ToList();
    }
}
