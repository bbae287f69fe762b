using Touchpoint.Core.Conversations;

namespace Touchpoint.Web.Conversations.Attachments;

/// <summary>
/// An uploaded file as the API and the widget show it; <c>url</c> is where the caller downloads it and
/// <c>messageId</c> the message it was sent with (null until sent).
/// </summary>
internal sealed record AttachmentDto(Guid Id, string FileName, string ContentType, long Size, string Url, long? MessageId)
{
    public static AttachmentDto From(MessageAttachment a, string url) => new(a.Id, a.FileName, a.ContentType, a.Size, url, a.MessageId);

    /// <summary>The members' download (<c>GET /api/v1/attachments/{id}</c>).</summary>
    public static string MemberUrl(Guid id) => $"/api/v1/attachments/{id}";

    /// <summary>The visitor's download; the token in the query lets an &lt;a href&gt; work without headers.</summary>
    public static string VisitorUrl(string widgetKey, Guid id, string visitorToken) =>
        $"/chat/{Uri.EscapeDataString(widgetKey)}/attachments/{id}?visitor={Uri.EscapeDataString(visitorToken)}";
}
