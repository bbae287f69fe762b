using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Cases.Work;

/// <summary>
/// Working a case: edits, assignment, notes and the moves of its life (resolve, reopen, close).
/// Every change is checked against the version the person saw (a stale one is refused, never merged
/// silently), writes a line of the case's history and an audit entry in the same transaction, runs
/// the <see cref="CaseSteps"/> when the priority changes or the case reopens, and tells a new owner.
/// </summary>
public sealed class CaseWork(TouchpointDbContext db, CaseSteps steps, AuditLog audit, Notifier notifier, TimeProvider clock)
{
    /// <summary>Without a version the caller asked for no check: a write that lost a race is simply tried again on the fresh row.</summary>
    private const int Attempts = 5;

    /// <summary>The changes made to a tracked case, turned into history lines and an audit entry when saved.</summary>
    internal sealed class Mutation(Case target, CaseActor actor, DateTime now)
    {
        public Case Case { get; } = target;
        public CaseActor Actor { get; } = actor;
        public DateTime Now { get; } = now;
        public List<CaseActivity> History { get; } = [];
        public List<string> Audit { get; } = [];

        public void Log(CaseActivityKind kind, string body, object? data = null)
        {
            Add(new CaseActivity { CaseId = Case.Id, Kind = kind, ActorId = Actor.UserId, Body = body, Data = data is null ? null : JsonSerializer.Serialize(data) });
            Audit.Add(body);
        }

        /// <summary>
        /// Lines of one change are a microsecond apart (the precision both databases keep), so the history
        /// reads in the order they were written: ids made in the same millisecond are not ordered.
        /// </summary>
        public void Add(CaseActivity line)
        {
            line.CreatedAt = Now.AddTicks(History.Count * TimeSpan.TicksPerMicrosecond);
            History.Add(line);
        }
    }

    /// <summary>A case by its id or its number in the workspace ("42"), read-only.</summary>
    public Task<Case?> FindAsync(string idOrNumber, CancellationToken ct = default) =>
        Guid.TryParse(idOrNumber, out var id) ? db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct)
        : int.TryParse(idOrNumber, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Number == number, ct)
            : Task.FromResult<Case?>(null);

    public async Task<CaseResult> ChangeAsync(Guid caseId, CaseChange change, Guid? expectedVersion, CaseActor actor, CancellationToken ct = default)
    {
        var errors = await ValidateAsync(change, ct);
        if (errors.Count > 0)
        {
            return new CaseResult(CaseOutcome.Invalid, Errors: errors);
        }

        return await MutateAsync(caseId, expectedVersion, actor, (m, token) => ApplyAsync(m, change, token), ct);
    }

    public Task<CaseResult> NoteAsync(Guid caseId, string? body, CaseActor actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return Task.FromResult(CaseResult.Invalid("body", "Write the note's text in 'body'."));
        }

        if (body.Length > CaseLimits.MaxTextLength)
        {
            return Task.FromResult(CaseResult.Invalid("body", $"Keep a note to {CaseLimits.MaxTextLength:N0} characters."));
        }

        // A note never conflicts with an edit: it adds a line and changes nothing the person saw.
        return MutateAsync(caseId, null, actor, (m, _) =>
        {
            m.Add(new CaseActivity { CaseId = m.Case.Id, Kind = CaseActivityKind.Note, ActorId = actor.UserId, Body = body.Trim() });
            m.Audit.Add("note added");
            return Task.FromResult<CaseResult?>(null);
        }, ct);
    }

    /// <summary>Resolves an open case with its root cause and resolution code (both required) and an optional note.</summary>
    public Task<CaseResult> ResolveAsync(Guid caseId, string? rootCause, string? resolutionCode, string? note, Guid? expectedVersion, CaseActor actor,
        CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        Code(rootCause, "rootCause", "the root cause (what caused the problem, e.g. late-delivery)", errors, required: true);
        Code(resolutionCode, "resolutionCode", "the resolution code (how it was put right, e.g. refund)", errors, required: true);
        if (note?.Length > CaseLimits.MaxTextLength)
        {
            errors["note"] = [$"Keep the note to {CaseLimits.MaxTextLength:N0} characters."];
        }

        if (errors.Count > 0)
        {
            return Task.FromResult(new CaseResult(CaseOutcome.Invalid, Errors: errors));
        }

        return MutateAsync(caseId, expectedVersion, actor, (m, _) =>
        {
            var c = m.Case;
            if (c.Status == CaseStatus.Closed)
            {
                return Task.FromResult<CaseResult?>(CaseResult.Conflict("status", "A closed case cannot be resolved again; reopen it first."));
            }

            if (c.Status == CaseStatus.Resolved)
            {
                return Task.FromResult<CaseResult?>(CaseResult.Conflict("status", "This case is already resolved; reopen it to change its resolution."));
            }

            SetCode(m, "root cause", c.RootCause, rootCause!.Trim(), v => c.RootCause = v);
            SetCode(m, "resolution code", c.ResolutionCode, resolutionCode!.Trim(), v => c.ResolutionCode = v);
            c.ResolutionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
            Resolve(m);
            return Task.FromResult<CaseResult?>(null);
        }, ct);
    }

    public Task<CaseResult> ReopenAsync(Guid caseId, string? reason, Guid? expectedVersion, CaseActor actor, CancellationToken ct = default) =>
        reason?.Length > CaseLimits.MaxTextLength
            ? Task.FromResult(CaseResult.Invalid("note", $"Keep the note to {CaseLimits.MaxTextLength:N0} characters."))
            : MutateAsync(caseId, expectedVersion, actor, async (m, token) =>
            {
                if (m.Case.IsOpen)
                {
                    return CaseResult.Conflict("status", "This case is open; only a resolved or closed case can be reopened.");
                }

                await ReopenAsync(m, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), token);
                return null;
            }, ct);

    public Task<CaseResult> CloseAsync(Guid caseId, string? note, Guid? expectedVersion, CaseActor actor, CancellationToken ct = default) =>
        note?.Length > CaseLimits.MaxTextLength
            ? Task.FromResult(CaseResult.Invalid("note", $"Keep the note to {CaseLimits.MaxTextLength:N0} characters."))
            : MutateAsync(caseId, expectedVersion, actor, (m, _) =>
            {
                if (m.Case.Status == CaseStatus.Closed)
                {
                    return Task.FromResult<CaseResult?>(CaseResult.Conflict("status", "This case is already closed."));
                }

                SetStatus(m, CaseStatus.Closed);
                m.Case.ClosedAt = m.Now;
                if (!string.IsNullOrWhiteSpace(note))
                {
                    m.Add(new CaseActivity { CaseId = m.Case.Id, Kind = CaseActivityKind.Note, ActorId = actor.UserId, Body = note.Trim() });
                }

                return Task.FromResult<CaseResult?>(null);
            }, ct);

    /// <summary>
    /// Loads the case, checks the version, lets <paramref name="apply"/> change it (returning a refusal
    /// or null), and saves the case, its new history lines and one audit entry together.
    /// </summary>
    internal async Task<CaseResult> MutateAsync(Guid caseId, Guid? expectedVersion, CaseActor actor, Func<Mutation, CancellationToken, Task<CaseResult?>> apply,
        CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var target = await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, ct);
            if (target is null)
            {
                return new CaseResult(CaseOutcome.NotFound);
            }

            if (expectedVersion is { } expected && expected != target.Version)
            {
                return new CaseResult(CaseOutcome.Stale, target);
            }

            var mutation = new Mutation(target, actor, clock.GetUtcNow().UtcDateTime);
            if (await apply(mutation, ct) is { } refused)
            {
                return refused with { Case = target };
            }

            if (mutation.History.Count == 0)
            {
                return new CaseResult(CaseOutcome.Applied, target);
            }

            // A line that changes nothing on the case (a note, an email to a closed case) leaves its version
            // alone: nobody's pending edit is made stale by it.
            db.ChangeTracker.DetectChanges();
            if (db.Entry(target).State == EntityState.Modified)
            {
                target.UpdatedAt = mutation.Now;
                target.Version = Guid.NewGuid();
            }

            db.CaseActivities.AddRange(mutation.History);
            audit.Record(actor.Audit, "case.updated", $"case:{target.Number}", string.Join("; ", mutation.Audit));
            try
            {
                await db.SaveChangesAsync(ct);
                return new CaseResult(CaseOutcome.Applied, target);
            }
            catch (DbUpdateConcurrencyException) when (expectedVersion is null && attempt < Attempts)
            {
                // Someone else saved first; the caller named no version, so apply the same intent to their result.
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return new CaseResult(CaseOutcome.Stale, await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, ct));
            }
        }
    }

    private async Task<CaseResult?> ApplyAsync(Mutation m, CaseChange change, CancellationToken ct)
    {
        var c = m.Case;
        if (change.Status is { } status && status != c.Status)
        {
            if (await MoveAsync(m, status, change, ct) is { } refused)
            {
                return refused;
            }
        }

        if (change.Title is { } title && title.Trim() != c.Title)
        {
            m.Log(CaseActivityKind.Updated, $"Title: “{c.Title}” → “{title.Trim()}”", new { field = "title", from = c.Title, to = title.Trim() });
            c.Title = title.Trim();
        }

        if (change.SetDescription && Blank(change.Description) != c.Description)
        {
            c.Description = Blank(change.Description);
            m.Log(CaseActivityKind.Updated, c.Description is null ? "Description removed" : "Description changed", new { field = "description" });
        }

        if (change.SetRootCause)
        {
            SetCode(m, "root cause", c.RootCause, Blank(change.RootCause), v => c.RootCause = v);
        }

        if (change.SetResolutionCode)
        {
            SetCode(m, "resolution code", c.ResolutionCode, Blank(change.ResolutionCode), v => c.ResolutionCode = v);
        }

        if (change.Priority is { } priority && priority != c.Priority)
        {
            m.Log(CaseActivityKind.Updated, $"Priority: {Words(c.Priority)} → {Words(priority)}", new { field = "priority", from = c.Priority, to = priority });
            c.Priority = priority;
            await steps.RunAsync(db, c, CaseMoment.PriorityChanged, ct);
        }

        if (change.SetTeam && change.TeamId != c.TeamId)
        {
            var name = change.TeamId is { } team ? await db.Teams.Where(t => t.Id == team).Select(t => t.Name).FirstAsync(ct) : null;
            m.Log(CaseActivityKind.Assigned, name is null ? "Removed from its team's queue" : $"Moved to team {name}", new { field = "team", from = c.TeamId, to = change.TeamId });
            c.TeamId = change.TeamId;
        }

        if (change.SetOwner && change.OwnerId != c.OwnerId)
        {
            await AssignAsync(m, change.OwnerId, ct);
        }

        return null;
    }

    /// <summary>A status change asked for by PATCH: the same rules as the actions.</summary>
    private async Task<CaseResult?> MoveAsync(Mutation m, CaseStatus to, CaseChange change, CancellationToken ct)
    {
        var c = m.Case;
        switch (to)
        {
            case CaseStatus.New:
                return CaseResult.Conflict("status", "A case cannot go back to new; use inProgress.");
            case CaseStatus.Resolved when c.Status == CaseStatus.Closed:
                return CaseResult.Conflict("status", "A closed case cannot be resolved again; reopen it first.");
            case CaseStatus.Resolved:
                var rootCause = change.SetRootCause ? Blank(change.RootCause) : c.RootCause;
                var code = change.SetResolutionCode ? Blank(change.ResolutionCode) : c.ResolutionCode;
                var errors = new Dictionary<string, string[]>();
                if (rootCause is null)
                {
                    errors["rootCause"] = ["Say what caused the problem ('rootCause') to resolve the case."];
                }

                if (code is null)
                {
                    errors["resolutionCode"] = ["Say how it was put right ('resolutionCode') to resolve the case."];
                }

                if (errors.Count > 0)
                {
                    return new CaseResult(CaseOutcome.Invalid, Errors: errors);
                }

                Resolve(m);
                return null;
            case CaseStatus.Closed:
                SetStatus(m, CaseStatus.Closed);
                c.ClosedAt = m.Now;
                return null;
            default:
                if (!c.IsOpen)
                {
                    await ReopenAsync(m, null, ct);
                }

                if (c.Status != to)
                {
                    SetStatus(m, to);
                }

                return null;
        }
    }

    private static void Resolve(Mutation m)
    {
        SetStatus(m, CaseStatus.Resolved);
        m.Case.ResolvedAt = m.Now;
    }

    /// <summary>Back to work: in progress, counted, and the steps (SLA targets) run again.</summary>
    internal async Task ReopenAsync(Mutation m, string? reason, CancellationToken ct)
    {
        var c = m.Case;
        var from = c.Status;
        c.Status = CaseStatus.InProgress;
        c.ResolvedAt = null;
        c.ClosedAt = null;
        c.ReopenCount++;
        m.Log(CaseActivityKind.Reopened, reason is null ? $"Reopened (was {Words(from)})" : $"Reopened (was {Words(from)}): {reason}",
            new { from, to = CaseStatus.InProgress, reopenCount = c.ReopenCount });
        await steps.RunAsync(db, c, CaseMoment.Reopened, ct);
    }

    internal static void SetStatus(Mutation m, CaseStatus to)
    {
        var from = m.Case.Status;
        m.Case.Status = to;
        m.Log(CaseActivityKind.StatusChanged, $"Status: {Words(from)} → {Words(to)}", new { from, to });
    }

    private async Task AssignAsync(Mutation m, Guid? ownerId, CancellationToken ct)
    {
        var c = m.Case;
        var previous = c.OwnerId;
        c.OwnerId = ownerId;
        var name = ownerId is { } owner ? await UserNameAsync(owner, ct) : null;
        m.Log(CaseActivityKind.Assigned, name is null ? "Unassigned" : $"Assigned to {name}", new { field = "owner", from = previous, to = ownerId });
        if (ownerId is { } user && user != m.Actor.UserId)
        {
            await notifier.AddAsync(user, $"Case {c.Number} is yours: {c.Title}", $"{m.Actor.Name} assigned it to you.", $"/cases/{c.Number}", email: true, ct);
        }
    }

    private static void SetCode(Mutation m, string label, string? from, string? to, Action<string?> set)
    {
        if (from == to)
        {
            return;
        }

        set(to);
        m.Log(CaseActivityKind.Updated, to is null ? $"{Capital(label)} removed" : $"{Capital(label)}: {to}", new { field = label, from, to });
    }

    private async Task<Dictionary<string, string[]>> ValidateAsync(CaseChange change, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (change.Title is not null)
        {
            Title(change.Title, errors);
        }

        if (change.SetDescription && change.Description?.Length > CaseLimits.MaxTextLength)
        {
            errors["description"] = [$"Keep the description to {CaseLimits.MaxTextLength:N0} characters."];
        }

        if (change.SetRootCause)
        {
            Code(change.RootCause, "rootCause", "the root cause", errors, required: false);
        }

        if (change.SetResolutionCode)
        {
            Code(change.ResolutionCode, "resolutionCode", "the resolution code", errors, required: false);
        }

        if (change.SetOwner && change.OwnerId is { } owner && !await IsMemberAsync(owner, ct))
        {
            errors["ownerId"] = ["No member of this workspace has this id."];
        }

        if (change.SetTeam && change.TeamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team, ct))
        {
            errors["teamId"] = ["No team with this id exists in your workspace."];
        }

        return errors;
    }

    public Task<bool> IsMemberAsync(Guid userId, CancellationToken ct) => db.Memberships.AnyAsync(m => m.UserId == userId, ct);

    public static void Title(string? title, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            errors["title"] = ["Give the case a title: what went wrong, in a few words."];
        }
        else if (title.Trim().Length > CaseLimits.MaxTitleLength)
        {
            errors["title"] = [$"Keep the title to {CaseLimits.MaxTitleLength} characters."];
        }
    }

    private static void Code(string? value, string field, string what, Dictionary<string, string[]> errors, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors[field] = [$"Give {what}."];
            }
        }
        else if (value.Trim().Length > CaseLimits.MaxCodeLength)
        {
            errors[field] = [$"Keep '{field}' to {CaseLimits.MaxCodeLength} characters."];
        }
    }

    public async Task<string> UserNameAsync(Guid userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.DisplayName, u.Email }).FirstOrDefaultAsync(ct);
        return user is null ? "a former member" : string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? "a member" : user.DisplayName;
    }

    /// <summary>"waitingOnCustomer" → "waiting on customer", as people read it in the history.</summary>
    public static string Words<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((ch, i) => i > 0 && char.IsUpper(ch) ? " " + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
