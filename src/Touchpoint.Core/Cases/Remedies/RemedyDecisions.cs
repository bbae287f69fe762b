using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Cases.Remedies;

/// <summary>
/// A manager approves or denies a remedy waiting for approval. A request is decided once: the second
/// of two managers deciding at the same moment is refused by the request's version token, and
/// nobody decides their own request. The decision goes into the case's history, the audit log and
/// a notice to the person who asked.
/// </summary>
public sealed class RemedyDecisions(TouchpointDbContext db, RemedyNotices notices, AuditLog audit, TimeProvider clock)
{
    /// <param name="expectedVersion">The version the decider saw, when they say; a different one means the request changed since.</param>
    public async Task<RemedyResult> DecideAsync(Guid remedyId, bool approve, string? note, RemedyActor actor, Guid? expectedVersion,
        CancellationToken ct = default)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note?.Length > CaseLimits.MaxTextLength)
        {
            return RemedyResult.Invalid(new() { ["note"] = [$"Keep the note under {CaseLimits.MaxTextLength} characters."] });
        }

        var remedy = await db.Compensations.FirstOrDefaultAsync(c => c.Id == remedyId, ct);
        if (remedy is null)
        {
            return RemedyResult.Refused(RemedyOutcome.NotFound, "No remedy with this id exists in your workspace.");
        }

        if (!actor.IsManager)
        {
            return RemedyResult.Refused(RemedyOutcome.Forbidden, "Only a manager, an admin or an owner approves or denies remedies.");
        }

        if (remedy.RequestedById == actor.UserId)
        {
            return RemedyResult.Refused(RemedyOutcome.Forbidden, "You asked for this remedy, so another manager decides it.");
        }

        if (remedy.Status != CompensationStatus.PendingApproval)
        {
            return RemedyResult.Refused(RemedyOutcome.Conflict, await AlreadyDecidedAsync(remedy, ct));
        }

        if (expectedVersion is { } seen && seen != remedy.Version)
        {
            return RemedyResult.Refused(RemedyOutcome.Stale, "This request changed since you saw it; reload it and decide again.");
        }

        var target = await db.Cases.AsNoTracking().FirstAsync(c => c.Id == remedy.CaseId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        remedy.Status = approve ? CompensationStatus.Approved : CompensationStatus.Denied;
        remedy.DecidedById = actor.UserId;
        remedy.DecidedAt = now;
        remedy.DecisionNote = note;
        remedy.Version = Guid.NewGuid();

        var what = RemedyText.Of(remedy);
        var verb = approve ? "Approved" : "Denied";
        db.CaseActivities.Add(new CaseActivity
        {
            CaseId = remedy.CaseId,
            Kind = CaseActivityKind.ApprovalDecided,
            ActorId = actor.UserId,
            Body = $"{verb} {what}{(note is null ? "" : $": {note}")}",
            Data = JsonSerializer.Serialize(new { remedyId = remedy.Id, decision = approve ? "approved" : "denied", kind = remedy.Kind, amount = remedy.Amount, currency = remedy.Currency }),
            CreatedAt = now,
        });
        audit.Record(actor.Actor, approve ? "remedy.approved" : "remedy.denied", $"case:{target.Number}", what + (note is null ? "" : $" ({note})"));

        var decider = await NameAsync(actor.UserId, ct);
        var title = $"{verb}: {what} on case {target.Number}";
        var body = $"{decider} {verb.ToLowerInvariant()} the {what} you asked for on case {target.Number} \"{target.Title}\"{(note is null ? "." : $": {note}")}";
        await notices.SendAsync(target.WorkspaceId, [remedy.RequestedById], title, body, $"/cases/remedies/{target.Id}", body, ct);

        try
        {
            await db.SaveChangesAsync(ct);
            return RemedyResult.Done(remedy);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var fresh = await db.Compensations.AsNoTracking().FirstAsync(c => c.Id == remedyId, ct);
            return RemedyResult.Refused(RemedyOutcome.Conflict, await AlreadyDecidedAsync(fresh, ct));
        }
    }

    /// <summary>
    /// The request a one-time link points at, in any workspace (the link arrives before anyone knows
    /// the workspace), or null for a link that matches nothing.
    /// </summary>
    public async Task<Compensation?> FindByTokenAsync(string token, CancellationToken ct = default)
    {
        if (token.Length is 0 or > 200)
        {
            return null;
        }

        var hash = SecretTokens.Hash(token);
        return await db.Compensations.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.ApprovalTokenHash == hash, ct);
    }

    /// <summary>Whether a link made for <paramref name="remedy"/> has passed its lifetime.</summary>
    public bool LinkExpired(Compensation remedy) =>
        clock.GetUtcNow().UtcDateTime > remedy.CreatedAt + RemedyLimits.ApprovalLinkLifetime;

    /// <summary>"This request was already approved by Dana on 2026-11-23 10:04 UTC."</summary>
    public async Task<string> AlreadyDecidedAsync(Compensation remedy, CancellationToken ct = default)
    {
        var who = remedy.DecidedById is { } id ? await NameAsync(id, ct) : "someone";
        return remedy.Status switch
        {
            CompensationStatus.Granted => "This remedy was granted within authority; there is nothing to decide.",
            CompensationStatus.PendingApproval => "This request is still waiting; try again.",
            _ => $"This request was already {remedy.Status.ToString().ToLowerInvariant()} by {who} on {remedy.DecidedAt:yyyy-MM-dd HH:mm} UTC.",
        };
    }

    private async Task<string> NameAsync(Guid userId, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => u.DisplayName == "" ? u.Email : u.DisplayName).FirstOrDefaultAsync(ct) ?? "a colleague";
}
