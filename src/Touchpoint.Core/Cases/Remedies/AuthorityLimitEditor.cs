using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Cases.Remedies;

/// <summary>
/// Replaces a workspace's authority limits with a new set, after checking every row, and writes one
/// audit entry per limit added, changed or removed. The API and the settings page both come here.
/// </summary>
public sealed class AuthorityLimitEditor(TouchpointDbContext db, AuditLog audit, TimeProvider clock)
{
    /// <summary>Roles that work cases, and so can hold authority.</summary>
    public static readonly IReadOnlyList<WorkspaceRole> Roles =
        [WorkspaceRole.Agent, WorkspaceRole.Manager, WorkspaceRole.Admin, WorkspaceRole.Owner];

    /// <summary>One limit as sent: exactly one of <paramref name="Role"/> and <paramref name="UserId"/>.</summary>
    public sealed record Input(string? Role, Guid? UserId, string? Kind, decimal? MaxAmount);

    /// <returns>Field errors (nothing saved), or null once saved.</returns>
    public async Task<Dictionary<string, string[]>?> ReplaceAsync(IReadOnlyList<Input> limits, string actor, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var members = await db.Memberships.AsNoTracking().Select(m => m.UserId).ToListAsync(ct);
        var wanted = new List<AuthorityLimit>();
        for (var i = 0; i < limits.Count; i++)
        {
            if (Read(limits[i], $"limits[{i}]", members, errors) is { } limit)
            {
                if (wanted.Any(w => w.Role == limit.Role && w.UserId == limit.UserId && w.Kind == limit.Kind))
                {
                    errors[$"limits[{i}].kind"] = [$"This holder already has a '{limit.Kind}' limit earlier in the list; send one per kind."];
                }

                wanted.Add(limit);
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.AuthorityLimits.ToListAsync(ct);
        var emails = await db.Users.Where(u => members.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id.ToString(), ct);
        string Holder(AuthorityLimit l) => l.UserId is { } u ? $"user:{emails.GetValueOrDefault(u, u.ToString())}" : $"role:{l.Role}";

        foreach (var old in existing.Where(e => !wanted.Any(w => Same(w, e))))
        {
            db.AuthorityLimits.Remove(old);
            audit.Record(actor, "authority.limit_removed", Holder(old), $"{old.Kind}: {Describe(old.MaxAmount)}");
        }

        foreach (var limit in wanted)
        {
            if (existing.FirstOrDefault(e => Same(limit, e)) is { } current)
            {
                if (current.MaxAmount != limit.MaxAmount)
                {
                    audit.Record(actor, "authority.limit_changed", Holder(current),
                        $"{current.Kind}: {Describe(current.MaxAmount)} -> {Describe(limit.MaxAmount)}");
                    current.MaxAmount = limit.MaxAmount;
                    current.UpdatedAt = now;
                }
            }
            else
            {
                limit.UpdatedAt = now;
                db.AuthorityLimits.Add(limit);
                audit.Record(actor, "authority.limit_set", Holder(limit), $"{limit.Kind}: {Describe(limit.MaxAmount)}");
            }
        }

        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>"up to 50" or "allowed".</summary>
    public static string Describe(decimal? max) =>
        max is { } m ? $"up to {m.ToString("0.##", CultureInfo.InvariantCulture)}" : "allowed";

    private static bool Same(AuthorityLimit a, AuthorityLimit b) => a.Role == b.Role && a.UserId == b.UserId && a.Kind == b.Kind;

    private static AuthorityLimit? Read(Input input, string at, List<Guid> members, Dictionary<string, string[]> errors)
    {
        var valid = true;
        WorkspaceRole? role = null;
        if ((input.Role is null) == (input.UserId is null))
        {
            errors[$"{at}.role"] = ["Give either a role (for everyone holding it) or a userId (for one person), not both."];
            valid = false;
        }
        else if (input.Role is { } name)
        {
            if (!name.Any(char.IsDigit) && Enum.TryParse<WorkspaceRole>(name, ignoreCase: true, out var parsed) && Roles.Contains(parsed))
            {
                role = parsed;
            }
            else
            {
                errors[$"{at}.role"] = [$"'{name}' is not a role that works cases: use one of {string.Join(", ", Roles.Select(r => r.ToString().ToLowerInvariant()))}."];
                valid = false;
            }
        }
        else if (!members.Contains(input.UserId!.Value))
        {
            errors[$"{at}.userId"] = ["This user is not a member of this workspace."];
            valid = false;
        }

        var kind = RemedyKinds.Normalize(input.Kind);
        if (kind is null)
        {
            errors[$"{at}.kind"] = [$"Give the kind of remedy in 1 to {CaseLimits.MaxCodeLength} characters (credit, refund, free-upgrade, replacement or your own)."];
            valid = false;
        }

        if (input.MaxAmount is { } amount && RemedyLimits.AmountProblem(amount) is { } problem)
        {
            errors[$"{at}.maxAmount"] = [problem];
            valid = false;
        }

        return valid ? new AuthorityLimit { Role = role, UserId = input.UserId, Kind = kind!, MaxAmount = input.MaxAmount } : null;
    }
}
