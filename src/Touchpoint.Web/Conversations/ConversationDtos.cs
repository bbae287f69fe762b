using System.Text.Json.Serialization;
using Touchpoint.Core.Conversations;
using Touchpoint.Web.Text;

namespace Touchpoint.Web.Conversations;

/// <summary>
/// A message as the API, the hub and the widget show it (internal notes only ever go to agents).
/// <see cref="Kind"/> marks the messages the widget acts on: <c>csatQuestion</c> (ask for a rating) and
/// <c>csatRating</c> (the rating arrived). <see cref="Attachments"/> are the files sent with it, with
/// URLs for the audience it goes to (see <see cref="Attachments.MessageFiles"/>); left out where not loaded.
/// <see cref="Analysis"/> is what the analyser found in a customer's message, for agents and API clients only
/// (never sent to the customer); left out for other messages.
/// </summary>
internal sealed record MessageDto(long Id, Guid ConversationId, long Seq, string Author, Guid? AuthorUserId, string Body, bool Private,
    DateTime CreatedAt, int? ResponseSeconds, string? Kind = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<MessageFileDto>? Attachments = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TextAnalysisDto? Analysis = null)
{
    public static MessageDto From(ConversationMessage m) => new(m.Id, m.ConversationId, m.Seq, JsonNames.Of(m.Author), m.AuthorUserId, m.Body,
        m.Private, m.CreatedAt, m.ResponseSeconds, KindOf(m), Analysis: m.Analysis is { } analysis ? TextAnalysisDto.From(analysis) : null);

    /// <summary>As the customer sees it: without the analysis of their words.</summary>
    public MessageDto ForVisitor() => Analysis is null ? this : this with { Analysis = null };

    public static MessageDto From(ConversationMessage m, IReadOnlyList<MessageFileDto> attachments) => From(m) with { Attachments = attachments };

    /// <summary>The after-chat rating's messages, told apart by the per-resolution client ids they are stored with.</summary>
    private static string? KindOf(ConversationMessage m) => m.Author != MessageAuthor.System || m.ClientId is not { } key ? null
        : key.StartsWith("csat-ask:", StringComparison.Ordinal) ? "csatQuestion"
        : key.StartsWith("csat:", StringComparison.Ordinal) ? "csatRating"
        : null;
}

/// <summary>A file sent with a message: where the reader downloads it (relative to the app).</summary>
internal sealed record MessageFileDto(Guid Id, string FileName, string ContentType, long Size, string Url);

/// <summary>A conversation as the API and the agents' hub show it.</summary>
internal sealed record ConversationDto(Guid Id, Guid InboxId, Guid? CustomerId, string Channel, string Status, string Priority,
    DateTime? SnoozedUntil, Guid? AssigneeId, Guid? TeamId, string? Subject, string? ContactName, string? ContactEmail, long LastSeq,
    long CustomerReadSeq, long AgentReadSeq, DateTime CreatedAt, DateTime LastMessageAt, DateTime? FirstResponseAt, DateTime? ResolvedAt,
    int? FirstResponseSeconds, int? ResolutionSeconds, Guid? MergedIntoId, int? CsatScore, string? CsatComment, Guid? CsatAgentId)
{
    public static ConversationDto From(Conversation c) => new(c.Id, c.InboxId, c.CustomerId, JsonNames.Of(c.Channel), JsonNames.Of(c.Status),
        JsonNames.Of(c.Priority), c.SnoozedUntil, c.AssigneeId, c.TeamId, c.Subject, c.ContactName, c.ContactEmail, c.LastSeq,
        c.CustomerReadSeq, c.AgentReadSeq, c.CreatedAt, c.LastMessageAt, c.FirstResponseAt, c.ResolvedAt, c.FirstResponseSeconds,
        c.ResolutionSeconds, c.MergedIntoId, c.CsatScore, c.CsatComment, c.CsatAgentId);
}

/// <summary>Enum values as the JSON APIs spell them: camelCase ("roundRobin", "open").</summary>
internal static class JsonNames
{
    public static string Of<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
