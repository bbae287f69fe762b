using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Conversations.Email;
using Touchpoint.Core.Conversations.Email.Mime;
using Touchpoint.Core.Data;
using Touchpoint.Core.Email;

namespace Touchpoint.Core.Cases.Work;

/// <summary>
/// Writes to the case's customer by email, through the outbox in the same transaction as the history
/// line. The Reply-To carries the case's token (support+TOKEN@…), so the customer's answer threads
/// back to the case (<see cref="CaseMail"/>). The first email is the case's first contact, and the
/// case then waits on the customer.
/// </summary>
public sealed class CaseContact(TouchpointDbContext db, CaseWork work, Outbox outbox, IOptions<SmtpOptions> smtp)
{
    public const int MaxSubjectLength = 200;

    public async Task<CaseResult> ContactAsync(Guid caseId, string? subject, string? body, CaseActor actor, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body))
        {
            errors["body"] = ["Write the email to the customer in 'body'."];
        }
        else if (body.Length > CaseLimits.MaxTextLength)
        {
            errors["body"] = [$"Keep the email to {CaseLimits.MaxTextLength:N0} characters."];
        }

        if (subject?.Length > MaxSubjectLength)
        {
            errors["subject"] = [$"Keep the subject to {MaxSubjectLength} characters."];
        }

        if (errors.Count > 0)
        {
            return new CaseResult(CaseOutcome.Invalid, Errors: errors);
        }

        var from = await SenderAsync(ct);
        return await work.MutateAsync(caseId, null, actor, async (m, token) =>
        {
            var c = m.Case;
            var customer = c.CustomerId is { } id
                ? await db.Customers.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Email, x.Name }).FirstOrDefaultAsync(token)
                : null;
            if (string.IsNullOrWhiteSpace(customer?.Email))
            {
                return CaseResult.Invalid("customer", "This case has no customer with an email address to write to; link the case to a customer who has one.");
            }

            var title = string.IsNullOrWhiteSpace(subject) ? $"About your feedback (case {c.Number})" : subject.Trim();
            var messageId = $"case.{c.Number}.{ReplyAddress.NewToken()[..10]}@{ReplyAddress.Domain(from.Address)}";
            var headers = new Dictionary<string, string> { ["Message-ID"] = $"<{messageId}>" };
            if (from.Address is not null)
            {
                headers["From"] = from.Display;
                if (ReplyAddress.For(from.Address, c.ReplyToken) is { } replyTo)
                {
                    headers["Reply-To"] = replyTo;
                }
            }

            var queued = outbox.Enqueue(new EmailMessage(customer.Email, title, body!.Trim(), Headers: headers), db.CurrentWorkspaceId, c.CustomerId);
            m.Log(CaseActivityKind.EmailSent, $"Email to {customer.Email}: {title}\n\n{body.Trim()}",
                new { to = customer.Email, subject = title, messageId, replyTo = headers.GetValueOrDefault("Reply-To"), outboxId = queued.Id });
            c.FirstContactAt ??= m.Now;
            if (c.IsOpen && c.Status != CaseStatus.WaitingOnCustomer)
            {
                CaseWork.SetStatus(m, CaseStatus.WaitingOnCustomer);
            }

            return null;
        }, ct);
    }

    /// <summary>The address customers see and answer: the workspace's first email inbox, else the configured sender.</summary>
    private async Task<(string? Address, string Display)> SenderAsync(CancellationToken ct)
    {
        var inbox = await db.Inboxes.AsNoTracking().Where(i => i.Kind == InboxKind.Email && i.EmailAddress != null)
            .OrderBy(i => i.CreatedAt).Select(i => new { i.Name, i.EmailAddress }).FirstOrDefaultAsync(ct);
        if (inbox is not null)
        {
            return (inbox.EmailAddress, $"\"{inbox.Name.Replace("\"", "", StringComparison.Ordinal)}\" <{inbox.EmailAddress}>");
        }

        return MailboxAddress.ParseList(smtp.Value.From) is [var configured, ..] ? (configured.Address, smtp.Value.From) : (null, smtp.Value.From);
    }
}
