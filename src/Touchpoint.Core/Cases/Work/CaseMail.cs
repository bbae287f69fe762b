using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations.Email;
using Touchpoint.Core.Conversations.Email.Mime;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Cases.Work;

/// <summary>
/// The customer's answer to a case email, delivered through the inbound email endpoint: a message
/// sent to a reply address carrying a case's token (support+TOKEN@…) goes onto that case's history,
/// not into a conversation. It reopens a resolved case and takes a case waiting on the customer back
/// to in progress; the owner is told. The same message delivered twice is recorded once.
/// </summary>
public sealed class CaseMail(TouchpointDbContext db, CaseWork work, Notifier notifier)
{
    public sealed record Received(Guid CaseId, int Number, bool Created);

    /// <returns>Null when the message is not addressed to a case: it is then a conversation's.</returns>
    public async Task<Received?> ReceiveAsync(MimeMessage message, byte[] raw, CancellationToken ct = default)
    {
        var tokens = message.Recipients.Select(r => ReplyAddress.TokenIn(r.Address)).OfType<string>().Select(t => t.ToLowerInvariant()).Distinct().ToList();
        if (tokens.Count == 0 || message.From is not { } from)
        {
            return null;
        }

        var target = await db.Cases.AsNoTracking().Where(c => tokens.Contains(c.ReplyToken)).Select(c => new { c.Id, c.Number }).FirstOrDefaultAsync(ct);
        if (target is null)
        {
            return null;
        }

        // Without a Message-ID, the bytes themselves identify a re-delivery.
        var key = Convert.ToHexStringLower(SHA256.HashData(message.MessageId is { } id ? Encoding.UTF8.GetBytes(id) : raw))[..40];
        if (await SeenAsync(target.Id, key, ct))
        {
            return new Received(target.Id, target.Number, false);
        }

        var text = ReplyText.Strip(message.Text).Trim();
        if (text.Length > CaseLimits.MaxTextLength - 400)
        {
            text = text[..(CaseLimits.MaxTextLength - 400)] + " …";
        }

        if (message.Attachments.Count > 0)
        {
            text += $"\n\n({message.Attachments.Count} attached file(s) were not kept on the case.)";
        }

        var sender = string.IsNullOrWhiteSpace(from.Name) ? from.Address : $"{from.Name} <{from.Address}>";
        var actor = new CaseActor(null, sender, $"email:{from.Address}");
        var result = await work.MutateAsync(target.Id, null, actor, async (m, token) =>
        {
            var c = m.Case;
            m.Log(CaseActivityKind.EmailReceived, $"Email from {sender}: {message.Subject}\n\n{(text.Length > 0 ? text : "(no text)")}",
                new { from = from.Address, subject = message.Subject, emailKey = key, autoReply = message.IsAutoReply });
            if (!message.IsAutoReply)
            {
                if (c.Status == CaseStatus.Resolved)
                {
                    await work.ReopenAsync(m, "the customer replied", token);
                }
                else if (c.Status == CaseStatus.WaitingOnCustomer)
                {
                    CaseWork.SetStatus(m, CaseStatus.InProgress);
                }

                if (c.OwnerId is { } owner)
                {
                    await notifier.AddAsync(owner, $"The customer replied on case {c.Number}", c.Title, $"/cases/{c.Number}", email: false, token);
                }
            }

            return null;
        }, ct);

        return result.Outcome == CaseOutcome.Applied ? new Received(target.Id, target.Number, true) : null;
    }

    private Task<bool> SeenAsync(Guid caseId, string key, CancellationToken ct) =>
        db.CaseActivities.AnyAsync(a => a.CaseId == caseId && a.Kind == CaseActivityKind.EmailReceived && a.Data != null && a.Data.Contains(key), ct);
}
