using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Cases.Remedies;

/// <summary>
/// Gives a customer a remedy on a case. Within the giver's authority, counting what was already given
/// of that kind on the case (two refunds of 60 are a refund of 120), it is granted at once; above it,
/// it waits for a manager, who is asked in the app and by email with a one-time link.
/// Remedies on one case are serialised through the case's version token: two grants at the same
/// moment cannot both slip under the limit, the second is re-counted after the first.
/// </summary>
public sealed class RemedyDesk(TouchpointDbContext db, Authority authority, RemedyNotices notices, AuditLog audit, TimeProvider clock)
{
    private const int Attempts = 3;

    public sealed record Input(string? Kind, decimal? Amount, string? Currency, string? Note);

    private sealed record Checked(string Kind, decimal? Amount, string? Currency, string? Note);

    /// <param name="baseUrl">Where the app is reached from outside, for the approval link ("https://cx.example.com").</param>
    public async Task<RemedyResult> GiveAsync(Guid caseId, Input input, RemedyActor actor, string baseUrl, CancellationToken ct = default)
    {
        if (Validate(input, out var remedy) is { } errors)
        {
            return RemedyResult.Invalid(errors);
        }

        for (var attempt = 1; ; attempt++)
        {
            var target = await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, ct);
            if (target is null)
            {
                return RemedyResult.Refused(RemedyOutcome.NotFound, "No case with this id exists in your workspace.");
            }

            if (target.OwnerId != actor.UserId && !actor.IsManager)
            {
                return RemedyResult.Refused(RemedyOutcome.Forbidden,
                    "Only the case's owner or a manager gives remedies on a case: take the case first, or ask its owner.");
            }

            var given = await GiveOnceAsync(target, remedy, actor, baseUrl, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                return RemedyResult.Done(given);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                // Another remedy (or edit) on this case committed first: count again with it included.
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateConcurrencyException)
            {
                return RemedyResult.Refused(RemedyOutcome.Conflict, "The case kept changing while the remedy was saved; reload it and try again.");
            }
        }
    }

    private async Task<Compensation> GiveOnceAsync(Case target, Checked input, RemedyActor actor, string baseUrl, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var limit = await authority.ForAsync(actor.UserId, actor.Role, input.Kind, ct);
        var already = await db.Compensations
            .Where(c => c.CaseId == target.Id && c.Kind == input.Kind
                && (c.Status == CompensationStatus.Granted || c.Status == CompensationStatus.Approved))
            .Select(c => c.Amount ?? 0m)
            .ToListAsync(ct);
        var total = already.Sum() + (input.Amount ?? 0m);
        var within = limit is not null && limit.Allows(total);

        var remedy = new Compensation
        {
            CaseId = target.Id,
            Kind = input.Kind,
            Amount = input.Amount,
            Currency = input.Currency,
            Note = input.Note,
            Status = within ? CompensationStatus.Granted : CompensationStatus.PendingApproval,
            RequestedById = actor.UserId,
            CreatedAt = now,
        };
        db.Compensations.Add(remedy);
        target.UpdatedAt = now;
        target.Version = Guid.NewGuid();

        var what = RemedyText.Of(remedy);
        var data = JsonSerializer.Serialize(new
        {
            remedyId = remedy.Id,
            kind = remedy.Kind,
            amount = remedy.Amount,
            currency = remedy.Currency,
            alreadyGiven = already.Sum(),
            limit = limit?.MaxAmount,
            hasLimit = limit is not null,
        });
        if (within)
        {
            AddHistory(target, CaseActivityKind.CompensationGranted, actor.UserId, $"Granted {what}{NoteSuffix(input.Note)}", data, now);
            audit.Record(actor.Actor, "remedy.granted", $"case:{target.Number}", $"{what} within authority ({Describe(limit)})");
            return remedy;
        }

        var token = SecretTokens.Create();
        remedy.ApprovalTokenHash = SecretTokens.Hash(token);
        var approvers = await ApproversAsync(target, actor.UserId, ct);
        remedy.ApproverId = approvers.Count == 1 ? approvers[0] : null;
        AddHistory(target, CaseActivityKind.ApprovalRequested, actor.UserId,
            $"Asked a manager to approve {what}: above the authority of the person giving it ({Describe(limit)}){NoteSuffix(input.Note)}", data, now);
        audit.Record(actor.Actor, "remedy.requested", $"case:{target.Number}", $"{what} above authority ({Describe(limit)})");

        var requester = await db.Users.AsNoTracking().Where(u => u.Id == actor.UserId)
            .Select(u => u.DisplayName == "" ? u.Email : u.DisplayName).FirstOrDefaultAsync(ct) ?? "A colleague";
        var link = $"{baseUrl.TrimEnd('/')}/approvals/{token}";
        var expires = now + RemedyLimits.ApprovalLinkLifetime;
        var title = $"Approval needed: {what} on case {target.Number}";
        var body = $"{requester} asks to give {what} on case {target.Number} \"{target.Title}\" ({Describe(limit)} is their authority).";
        var email = $"""
            {body}
            {(input.Note is null ? "" : $"\nTheir note: {input.Note}\n")}
            Approve or deny it here (the link works once, until {expires:yyyy-MM-dd HH:mm} UTC):
            {link}

            All requests waiting for you: {baseUrl.TrimEnd('/')}/approvals
            """;
        await notices.SendAsync(target.WorkspaceId, approvers, title, body, "/approvals", email, ct);
        return remedy;
    }

    /// <summary>
    /// Who is asked: the managers of the owner's teams (and of the case's team); when there are none,
    /// every manager, admin and owner of the workspace. Never the person asking.
    /// </summary>
    private async Task<List<Guid>> ApproversAsync(Case target, Guid requester, CancellationToken ct)
    {
        WorkspaceRole[] deciders = [WorkspaceRole.Manager, WorkspaceRole.Admin, WorkspaceRole.Owner];
        var teams = await db.TeamMembers.AsNoTracking().Where(m => m.UserId == target.OwnerId).Select(m => m.TeamId).ToListAsync(ct);
        if (target.TeamId is { } team)
        {
            teams.Add(team);
        }

        var teamManagers = await db.TeamMembers.AsNoTracking()
            .Where(m => teams.Contains(m.TeamId) && m.UserId != requester)
            .Join(db.Memberships.Where(s => s.Role == WorkspaceRole.Manager), m => m.UserId, s => s.UserId, (m, s) => m.UserId)
            .Distinct().ToListAsync(ct);
        if (teamManagers.Count > 0)
        {
            return teamManagers;
        }

        return await db.Memberships.AsNoTracking()
            .Where(m => deciders.Contains(m.Role) && m.UserId != requester)
            .Select(m => m.UserId).Distinct().ToListAsync(ct);
    }

    private void AddHistory(Case target, CaseActivityKind kind, Guid actor, string body, string data, DateTime at) =>
        db.CaseActivities.Add(new CaseActivity { CaseId = target.Id, Kind = kind, ActorId = actor, Body = body, Data = data, CreatedAt = at });

    private static string NoteSuffix(string? note) => note is null ? "" : $": {note}";

    private static string Describe(Authority.Limit? limit) =>
        limit is null ? "no authority for this kind" : RemedyText.Authority(limit);

    private static Dictionary<string, string[]>? Validate(Input input, out Checked remedy)
    {
        var errors = new Dictionary<string, string[]>();
        var kind = RemedyKinds.Normalize(input.Kind);
        if (kind is null)
        {
            errors["kind"] = [$"Give the kind of remedy in 1 to {CaseLimits.MaxCodeLength} characters (credit, refund, free-upgrade, replacement or your workspace's own)."];
        }

        if (input.Amount is { } amount && RemedyLimits.AmountProblem(amount) is { } problem)
        {
            errors["amount"] = [problem];
        }

        var currency = string.IsNullOrWhiteSpace(input.Currency) ? null : input.Currency.Trim().ToUpperInvariant();
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            errors["currency"] = ["Give the currency as a three-letter ISO 4217 code, such as EUR or USD."];
        }
        else if (input.Amount is not null && currency is null)
        {
            errors["currency"] = ["An amount needs its currency: a three-letter ISO 4217 code, such as EUR."];
        }

        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (note?.Length > CaseLimits.MaxTextLength)
        {
            errors["note"] = [$"Keep the note under {CaseLimits.MaxTextLength} characters."];
        }

        remedy = new Checked(kind ?? "", input.Amount, input.Amount is null ? null : currency, note);
        return errors.Count > 0 ? errors : null;
    }
}
