using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Surveys.Distribution;

/// <summary>
/// Creates invitations: finds (or, for a new email address, creates) the customer, asks the
/// <see cref="ContactPolicy"/>, and stores the invitation as scheduled (now or after quiet hours) or
/// suppressed with the reason. The <see cref="InvitationScheduler"/> writes the email when it is due.
/// </summary>
public sealed class SurveyInviter(TouchpointDbContext db, ContactPolicy policy, CustomerEditor customers, InvitationSignal signal, TimeProvider clock)
{
    /// <summary>Who to ask: our id or their external id, or an email address.</summary>
    public sealed record Recipient(string? CustomerId, string? ExternalId, string? Email, string? Name);

    /// <summary>The interaction the survey is about; it goes onto the response.</summary>
    public sealed record Interaction(
        InvitationSource Source, Guid? TouchPointId = null, Channel? Channel = null, string? Agent = null, string? OrderId = null,
        Guid? ConversationId = null, string? Language = null, JsonObject? Hidden = null, int DelayMinutes = 0);

    public sealed record Outcome(SurveyInvitation? Invitation, Dictionary<string, string[]> Errors)
    {
        public bool Succeeded => Errors.Count == 0;
    }

    public async Task<Outcome> InviteAsync(Survey survey, Recipient recipient, Interaction interaction, string actor, CancellationToken ct = default)
    {
        var (customer, email, errors) = await ResolveAsync(recipient, actor, ct);
        if (errors.Count > 0)
        {
            return new Outcome(null, errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var earliest = now.AddMinutes(interaction.DelayMinutes);
        var decision = await policy.DecideAsync(survey, customer, email, earliest, ct);
        var invitation = new SurveyInvitation
        {
            SurveyId = survey.Id,
            CustomerId = customer?.Id,
            Email = email ?? "",
            Token = SecretTokens.Create(24),
            Source = interaction.Source,
            Status = decision.Suppressed ? InvitationStatus.Suppressed : InvitationStatus.Scheduled,
            SuppressedReason = decision.Reason,
            ScheduledFor = decision.SendAt,
            TouchPointId = interaction.TouchPointId,
            Channel = interaction.Channel,
            Agent = interaction.Agent,
            OrderId = interaction.OrderId,
            ConversationId = interaction.ConversationId,
            Language = interaction.Language,
            Hidden = interaction.Hidden is { Count: > 0 } hidden ? hidden.ToJsonString() : null,
            CreatedAt = now,
        };
        db.SurveyInvitations.Add(invitation);
        await db.SaveChangesAsync(ct);
        if (!decision.Suppressed && decision.SendAt <= now)
        {
            signal.Notify();
        }

        return new Outcome(invitation, []);
    }

    /// <summary>
    /// The customer named by id or external id (who must exist), or by email: an unknown address
    /// becomes a new customer, since the email address is a customer's identity.
    /// </summary>
    private async Task<(Customer? Customer, string? Email, Dictionary<string, string[]> Errors)> ResolveAsync(Recipient recipient, string actor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var email = string.IsNullOrWhiteSpace(recipient.Email) ? null : recipient.Email.Trim();
        if (email is not null && !IsEmail(email))
        {
            errors["email"] = ["This is not an email address. Write it as name@example.com."];
            return (null, null, errors);
        }

        Customer? customer = null;
        if (!string.IsNullOrWhiteSpace(recipient.CustomerId))
        {
            customer = Guid.TryParse(recipient.CustomerId, out var id) ? await db.Customers.FirstOrDefaultAsync(c => c.Id == id, ct) : null;
            if (customer is null)
            {
                errors["customerId"] = ["No customer with this id exists in your workspace."];
            }
        }
        else if (!string.IsNullOrWhiteSpace(recipient.ExternalId))
        {
            customer = await db.Customers.FirstOrDefaultAsync(c => c.ExternalId == recipient.ExternalId, ct);
            if (customer is null)
            {
                errors["externalId"] = ["No customer has this external id. Create the customer first, or invite by email."];
            }
        }
        else if (email is not null)
        {
            // Customer emails are stored in lower case (CustomerPatch), so the index finds them.
            var lower = email.ToLowerInvariant();
            customer = await db.Customers.FirstOrDefaultAsync(c => c.Email == lower, ct);
            if (customer is null)
            {
                var body = new JsonObject { ["email"] = email };
                if (!string.IsNullOrWhiteSpace(recipient.Name))
                {
                    body["name"] = recipient.Name.Trim();
                }

                var created = await customers.CreateAsync(body, actor, ct);
                if (!created.Succeeded)
                {
                    return (null, null, created.Errors);
                }

                customer = created.Customer;
            }
        }
        else
        {
            errors["customerId"] = ["Name the recipient by 'customerId', 'externalId' or 'email'."];
        }

        return (customer, email ?? customer?.Email, errors);
    }

    private static bool IsEmail(string value) =>
        value.Length <= 320 && System.Net.Mail.MailAddress.TryCreate(value, out var parsed) && parsed.Address == value;
}
