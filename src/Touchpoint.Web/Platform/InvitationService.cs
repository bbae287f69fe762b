using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Email;
using Touchpoint.Core.Platform;

namespace Touchpoint.Web.Platform;

/// <summary>Invites a colleague by email and turns an accepted invitation into a membership.</summary>
internal sealed class InvitationService(
    TouchpointDbContext db,
    WorkspaceScope scope,
    UserManager<User> users,
    Outbox outbox,
    AuditLog audit,
    TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public sealed record Pending(Invitation Invitation, string WorkspaceName);

    /// <summary>Creates the invitation and queues its email in one transaction.</summary>
    public async Task<Dictionary<string, string[]>> InviteAsync(string email, WorkspaceRole role, string inviterName, string actor,
        Guid inviterId, string workspaceName, string baseUrl, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        email = email.Trim();
        if (!System.Net.Mail.MailAddress.TryCreate(email, out _) || email.Length > 256)
        {
            errors["email"] = ["Enter a valid email address."];
            return errors;
        }

        if (role == WorkspaceRole.Owner)
        {
            errors["role"] = ["Invite as Admin; an owner can then be promoted."];
            return errors;
        }

        var alreadyMember = await db.Memberships.AnyAsync(m => m.User!.NormalizedEmail == users.NormalizeEmail(email), ct);
        if (alreadyMember)
        {
            errors["email"] = ["This person is already a member of the workspace."];
            return errors;
        }

        var token = SecretTokens.Create();
        var now = clock.GetUtcNow().UtcDateTime;
        var invitation = new Invitation
        {
            Email = email,
            Role = role,
            TokenHash = SecretTokens.Hash(token),
            InvitedByUserId = inviterId,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        db.Invitations.Add(invitation);
        outbox.Enqueue(AccountEmails.Invitation(email, inviterName, workspaceName, role.ToString(), $"{baseUrl}/invitations/{token}"),
            scope.WorkspaceId);
        audit.Record(actor, "member.invited", $"invitation:{email}", role.ToString());
        await db.SaveChangesAsync(ct);
        return errors;
    }

    /// <summary>Finds an open invitation by its emailed token, across workspaces (the link carries none).</summary>
    public async Task<Pending?> FindOpenAsync(string token, CancellationToken ct = default)
    {
        var hash = SecretTokens.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var invitation = await db.Invitations.IgnoreQueryFilters()
            .FirstOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAt == null && i.ExpiresAt > now, ct);
        if (invitation is null)
        {
            return null;
        }

        var name = await db.Workspaces.Where(w => w.Id == invitation.WorkspaceId).Select(w => w.Name).FirstAsync(ct);
        return new Pending(invitation, name);
    }

    /// <summary>
    /// Accepts: a new person gets an account with the chosen password; an existing account must
    /// prove it with its current password. Returns the user, or errors by field.
    /// </summary>
    public async Task<(User? User, Dictionary<string, string[]> Errors)> AcceptAsync(Invitation invitation, string displayName,
        string password, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var user = await users.FindByEmailAsync(invitation.Email);
        if (user is null)
        {
            user = new User
            {
                UserName = invitation.Email,
                Email = invitation.Email,
                EmailConfirmed = true,
                DisplayName = string.IsNullOrWhiteSpace(displayName) ? invitation.Email : displayName.Trim(),
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                errors["password"] = created.Errors.Select(e => e.Description).ToArray();
                return (null, errors);
            }
        }
        else if (!await users.CheckPasswordAsync(user, password))
        {
            errors["password"] = ["You already have an account: enter its current password to join."];
            return (null, errors);
        }

        var tracked = await db.Invitations.IgnoreQueryFilters().FirstAsync(i => i.Id == invitation.Id, ct);
        tracked.AcceptedAt = clock.GetUtcNow().UtcDateTime;
        db.Memberships.Add(new Membership
        {
            WorkspaceId = invitation.WorkspaceId,
            UserId = user.Id,
            Role = invitation.Role,
            CreatedAt = tracked.AcceptedAt.Value,
        });
        db.AuditEntries.Add(new AuditEntry
        {
            WorkspaceId = invitation.WorkspaceId,
            At = tracked.AcceptedAt.Value,
            Actor = $"user:{user.Email}",
            Action = "member.joined",
            Target = $"user:{user.Email}",
            Details = invitation.Role.ToString(),
        });
        await db.SaveChangesAsync(ct);
        return (user, errors);
    }
}
