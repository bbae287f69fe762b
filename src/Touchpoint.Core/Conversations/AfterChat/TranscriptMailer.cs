using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Email;

namespace Touchpoint.Core.Conversations.AfterChat;

/// <summary>
/// Emails a visitor the transcript of their conversation on request: every public message (never an
/// internal note) with who wrote it and when, as plain text and HTML-encoded HTML, queued through the
/// outbox. Each send leaves an internal note, which is also what the hourly limit counts, so the
/// limit holds across nodes and restarts.
/// </summary>
public sealed class TranscriptMailer(TouchpointDbContext db, Outbox outbox, ConversationLog log, TimeProvider clock)
{
    public const int PerHour = 3;
    private const string KeyPrefix = "transcript:";

    public enum Outcome
    {
        Queued,
        Invalid,
        TooMany,
    }

    public sealed record Result(Outcome Outcome, Dictionary<string, string[]> Errors, string? To = null);

    public async Task<Result> SendAsync(Guid conversationId, string? email, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var conversation = await db.Conversations.AsNoTracking().FirstAsync(c => c.Id == conversationId, ct);
        var to = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (to is null)
        {
            to = conversation.ContactEmail ?? (conversation.CustomerId is { } id
                ? await db.Customers.Where(c => c.Id == id).Select(c => c.Email).FirstOrDefaultAsync(ct)
                : null);
        }

        if (to is null)
        {
            errors["email"] = ["Say where to send the transcript: give an email address."];
        }
        else if (!IsEmail(to))
        {
            errors["email"] = ["This is not an email address. Write it as name@example.com."];
        }

        if (errors.Count > 0)
        {
            return new Result(Outcome.Invalid, errors);
        }

        var since = clock.GetUtcNow().UtcDateTime.AddHours(-1);
        var recent = await db.ConversationMessages.CountAsync(m => m.ConversationId == conversationId && m.ClientId != null
            && m.ClientId.StartsWith(KeyPrefix) && m.CreatedAt > since, ct);
        if (recent >= PerHour)
        {
            return new Result(Outcome.TooMany, errors);
        }

        var messages = await db.ConversationMessages.AsNoTracking().Where(m => m.ConversationId == conversationId && !m.Private)
            .OrderBy(m => m.Seq).ToListAsync(ct);
        var agentIds = messages.Where(m => m.AuthorUserId != null).Select(m => m.AuthorUserId!.Value).Distinct().ToList();
        var agents = await db.Users.Where(u => agentIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName != "" ? u.DisplayName : "Support", ct);
        var company = await db.Workspaces.AsNoTracking().Where(w => w.Id == conversation.WorkspaceId).Select(w => w.Name).FirstAsync(ct);

        outbox.Enqueue(Build(conversation, messages, agents, company, to!), conversation.WorkspaceId, conversation.CustomerId);
        await db.SaveChangesAsync(ct);
        await log.AppendAsync(conversationId, new ConversationLog.NewMessage(MessageAuthor.System, $"Transcript emailed to {to}",
            Private: true, ClientId: KeyPrefix + Guid.NewGuid().ToString("N")), ct);
        return new Result(Outcome.Queued, errors, to);
    }

    public static EmailMessage Build(Conversation conversation, IReadOnlyList<ConversationMessage> messages,
        IReadOnlyDictionary<Guid, string> agents, string company, string to)
    {
        string Who(ConversationMessage m) => m.Author switch
        {
            MessageAuthor.Customer => conversation.ContactName ?? "You",
            MessageAuthor.Agent => m.AuthorUserId is { } id && agents.TryGetValue(id, out var name) ? name : company,
            _ => company,
        };
        static string When(DateTime at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

        var subject = $"Your conversation with {company}";
        var text = new StringBuilder();
        text.AppendLine(subject).AppendLine();
        var html = new StringBuilder();
        html.Append("<!doctype html><html><body style=\"font-family:sans-serif\"><h1 style=\"font-size:18px\">")
            .Append(WebUtility.HtmlEncode(subject)).Append("</h1>");
        foreach (var m in messages)
        {
            text.Append('[').Append(When(m.CreatedAt)).Append("] ").Append(Who(m)).AppendLine(":").AppendLine(m.Body).AppendLine();
            html.Append("<p><strong>").Append(WebUtility.HtmlEncode(Who(m))).Append("</strong> <small>")
                .Append(WebUtility.HtmlEncode(When(m.CreatedAt))).Append("</small><br>")
                .Append(WebUtility.HtmlEncode(m.Body).ReplaceLineEndings("<br>")).Append("</p>");
        }

        html.Append("</body></html>");
        return new EmailMessage(to, subject, text.ToString(), html.ToString());
    }

    private static bool IsEmail(string value) =>
        value.Length <= 320 && System.Net.Mail.MailAddress.TryCreate(value, out var parsed) && parsed.Address == value;
}
