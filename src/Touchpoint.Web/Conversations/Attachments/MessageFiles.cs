using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Web.Text;

namespace Touchpoint.Web.Conversations.Attachments;

/// <summary>
/// Who reads a message, which decides where its files are downloaded: signed-in agents use the
/// members' download, API clients the API's, and a visitor the widget's download of their own chat.
/// A visitor's URL never holds a token: one payload may reach every tab of the conversation, so the
/// widget appends its own <c>?visitor=</c>.
/// </summary>
internal sealed record FileAudience(bool IsVisitor, Func<Guid, string> Url)
{
    /// <summary>Signed-in members in the app's pages and the hub (their cookie opens <c>/conversations/attachments/{id}</c>).</summary>
    public static readonly FileAudience Agents = new(false, id => $"/conversations/attachments/{id}");

    /// <summary>API keys of the workspace.</summary>
    public static readonly FileAudience ApiClients = new(false, AttachmentDto.MemberUrl);

    public static FileAudience Visitor(string widgetKey) =>
        new(true, id => $"/chat/{Uri.EscapeDataString(widgetKey)}/attachments/{id}");

    /// <summary>The visitor of a conversation, by its inbox's widget key (the workspace must be entered).</summary>
    public static async Task<FileAudience> VisitorOfAsync(TouchpointDbContext db, Guid conversationId, CancellationToken ct)
    {
        var key = await db.Conversations.Where(c => c.Id == conversationId)
            .Select(c => db.Inboxes.Where(i => i.Id == c.InboxId).Select(i => i.WidgetKey).FirstOrDefault()).FirstOrDefaultAsync(ct);
        return Visitor(key ?? "");
    }
}

/// <summary>Messages with their files, loaded in one query for any number of messages (never one per message).</summary>
internal static class MessageFiles
{
    public static async Task<List<MessageDto>> DtosAsync(TouchpointDbContext db, IReadOnlyCollection<ConversationMessage> messages,
        FileAudience audience, CancellationToken ct)
    {
        // Messages just appended without files are not looked up: live chat's messages cost no query here.
        var ids = messages.Where(m => !m.AppendedWithoutFiles && !(audience.IsVisitor && m.Private)).Select(m => m.Id).ToList();
        var files = ids.Count == 0 ? [] : await db.MessageAttachments.AsNoTracking()
            .Where(a => a.MessageId != null && ids.Contains(a.MessageId.Value))
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .Select(a => new { a.Id, MessageId = a.MessageId!.Value, a.FileName, a.ContentType, a.Size })
            .ToListAsync(ct);
        var byMessage = files.ToLookup(f => f.MessageId, f => new MessageFileDto(f.Id, f.FileName, f.ContentType, f.Size, audience.Url(f.Id)));
        // A note's files never reach a visitor, even if a caller hands a note in by mistake.
        var dtos = messages.Select(m => MessageDto.From(m, audience.IsVisitor && m.Private ? [] : byMessage[m.Id].ToList())).ToList();
        if (audience.IsVisitor)
        {
            // The analysis of what customers write is for the team, not shown back to the customer.
            return dtos.ConvertAll(d => d.ForVisitor());
        }

        // Customer messages loaded from the database: their analyses in one query (just-appended ones carry theirs).
        var unread = messages.Where(m => m is { Analysis: null, Author: MessageAuthor.Customer, Private: false }).Select(m => m.Id).ToList();
        var analyses = await StoredAnalyses.ForMessagesAsync(db, unread, ct);
        return analyses.Count == 0 ? dtos
            : dtos.ConvertAll(d => analyses.TryGetValue(d.Id, out var stored) ? d with { Analysis = TextAnalysisDto.From(stored) } : d);
    }

    public static async Task<MessageDto> DtoAsync(TouchpointDbContext db, ConversationMessage message, FileAudience audience, CancellationToken ct) =>
        (await DtosAsync(db, [message], audience, ct))[0];

    /// <summary>The same files for another audience, without reading them again.</summary>
    public static MessageDto For(MessageDto message, FileAudience audience) => message with
    {
        Analysis = audience.IsVisitor ? null : message.Analysis,
        Attachments = audience.IsVisitor && message.Private ? []
            : (message.Attachments ?? []).Select(f => f with { Url = audience.Url(f.Id) }).ToList(),
    };
}
