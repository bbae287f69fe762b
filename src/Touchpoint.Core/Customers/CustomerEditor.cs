using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Customers;

/// <summary>
/// Creates, edits, deletes and erases profiles. Every change is saved with its audit entry, bumps
/// <see cref="Customer.UpdatedAt"/> and tells <see cref="CustomerChanges"/> so segments, persona and
/// lifecycle stage are evaluated again. Audit entries name the fields that changed, never their values,
/// so erasing a customer leaves no personal data behind in the log.
/// </summary>
public sealed class CustomerEditor(TouchpointDbContext db, AuditLog audit, CustomerChanges changes, WorkspaceScope scope, TimeProvider clock)
{
    public sealed record Result(Customer? Customer, Dictionary<string, string[]> Errors, bool Conflict = false)
    {
        public bool Succeeded => Errors.Count == 0;
    }

    public async Task<Result> CreateAsync(JsonObject body, string actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var customer = new Customer { CreatedAt = now, UpdatedAt = now, WorkspaceId = scope.WorkspaceId };
        var outcome = CustomerPatch.Apply(customer, body);
        if (customer.ExternalId is null && customer.Email is null && outcome.Errors.Count == 0)
        {
            outcome.Errors["externalId"] = ["Give the customer an 'externalId' (your own id for them) or an 'email'."];
        }

        if (outcome.Errors.Count > 0)
        {
            return new Result(null, outcome.Errors);
        }

        if (await ExternalIdTakenAsync(customer, ct))
        {
            return Taken();
        }

        db.Customers.Add(customer);
        await ProfileTraits.SyncIndexAsync(db, customer, isNew: true, ct);
        audit.Record(actor, "customer.created", Target(customer), Fields(outcome.Changed));
        return await SaveAsync(customer, ct);
    }

    public async Task<Result> UpdateAsync(Customer customer, JsonObject patch, string actor, CancellationToken ct = default)
    {
        var outcome = CustomerPatch.Apply(customer, patch);
        if (outcome.Errors.Count > 0)
        {
            return new Result(null, outcome.Errors);
        }

        if (outcome.Changed.Contains("externalId") && await ExternalIdTakenAsync(customer, ct))
        {
            return Taken();
        }

        if (outcome.Changed.Contains("traits"))
        {
            await ProfileTraits.SyncIndexAsync(db, customer, isNew: false, ct);
        }

        customer.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(actor, "customer.updated", Target(customer), Fields(outcome.Changed));
        return await SaveAsync(customer, ct);
    }

    /// <summary>
    /// Removes the profile; its events, identities, trait rows and segment memberships go with it.
    /// Survey answers stay, unlinked, so scores over time do not change; emails stay in the outbox unlinked.
    /// </summary>
    public async Task DeleteAsync(Customer customer, string actor, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await EmailsOf(customer.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.CustomerId, (Guid?)null), ct);
        await db.Responses.Where(r => r.CustomerId == customer.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.CustomerId, (Guid?)null), ct);
        db.Customers.Remove(customer);
        audit.Record(actor, "customer.deleted", Target(customer));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        changes.Notify(customer.WorkspaceId, customer.Id);
    }

    /// <summary>
    /// The right to be forgotten: removes the profile, its events, identities and the emails sent to
    /// it, and keeps its survey scores without the comment and without the link to the person. Its
    /// conversations lose their messages, files, contact details, subject and rating comment, and keep
    /// only their times and rating, so response times and CSAT over time do not change either.
    /// </summary>
    public async Task<int> EraseAsync(Customer customer, string actor, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Their answers' topics and sentiment leave the scores' breakdowns with the analyses: the rollups of their days are redone.
        await Analytics.Rollups.RollupMarks.ForResponsesAsync(db, db.Responses.Where(r => r.CustomerId == customer.Id), ct);
        // Analyses quote the customer's words (signal evidence, topic mentions): they go with the comments.
        await db.AnalyzedTexts.Where(t => t.CustomerId == customer.Id
            || db.Responses.Any(r => r.Id == t.ResponseId && r.CustomerId == customer.Id)
            || db.Conversations.Any(c => c.Id == t.ConversationId && c.CustomerId == customer.Id)).ExecuteDeleteAsync(ct);
        var answers = await db.Responses.Where(r => r.CustomerId == customer.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Comment, (string?)null)
            .SetProperty(r => r.CustomerId, (Guid?)null), ct);
        await EmailsOf(customer.Id).ExecuteDeleteAsync(ct);
        await ForgetConversationsAsync(customer.Id, ct);
        await db.Events.Where(e => e.CustomerId == customer.Id).ExecuteDeleteAsync(ct);
        await db.CustomerIdentities.Where(i => i.CustomerId == customer.Id).ExecuteDeleteAsync(ct);
        db.Customers.Remove(customer);
        audit.Record(actor, "customer.erased", Target(customer), $"{answers} survey answers kept without comment or link");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        changes.Notify(customer.WorkspaceId, customer.Id);
        return answers;
    }

    private async Task ForgetConversationsAsync(Guid customerId, CancellationToken ct)
    {
        var conversations = db.Conversations.Where(c => c.CustomerId == customerId).Select(c => c.Id);
        await db.MessageAttachments.Where(a => conversations.Contains(a.ConversationId)).ExecuteDeleteAsync(ct);
        await db.ConversationMessages.Where(m => conversations.Contains(m.ConversationId)).ExecuteDeleteAsync(ct);
        await db.Conversations.Where(c => c.CustomerId == customerId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.CustomerId, (Guid?)null)
            .SetProperty(c => c.ContactName, (string?)null)
            .SetProperty(c => c.ContactEmail, (string?)null)
            .SetProperty(c => c.Subject, (string?)null)
            .SetProperty(c => c.CsatComment, (string?)null)
            .SetProperty(c => c.VisitorTokenHash, (string?)null)
            .SetProperty(c => c.Status, Conversations.ConversationStatus.Resolved), ct);
    }

    /// <summary>The outbox is not workspace-filtered (it also holds account mail), so this says the workspace itself.</summary>
    private IQueryable<Email.OutboxMessage> EmailsOf(Guid customerId) =>
        db.Outbox.Where(m => m.CustomerId == customerId && m.WorkspaceId == scope.WorkspaceId);

    private async Task<bool> ExternalIdTakenAsync(Customer customer, CancellationToken ct) =>
        customer.ExternalId is { } externalId
        && await db.Customers.AnyAsync(c => c.ExternalId == externalId && c.Id != customer.Id, ct);

    private async Task<Result> SaveAsync(Customer customer, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (customer.ExternalId is not null)
        {
            // Another request may have taken the same external id between our check and our write.
            if (await ExternalIdTakenAsync(customer, CancellationToken.None))
            {
                return Taken();
            }

            throw;
        }

        changes.Notify(customer.WorkspaceId, customer.Id);
        return new Result(customer, []);
    }

    private static Result Taken() =>
        new(null, new() { ["externalId"] = ["Another customer in this workspace already has this external id."] }, Conflict: true);

    private static string Target(Customer customer) => $"customer:{customer.Id}";

    private static string? Fields(List<string> changed) => changed.Count == 0 ? null : "fields: " + string.Join(", ", changed);
}
