namespace Touchpoint.Core.Conversations.Email.Mime;

/// <summary>A file carried by a message: an attachment, an inline image, or a forwarded message.</summary>
public sealed record MimeAttachment(string FileName, string ContentType, byte[] Content, string? ContentId, bool Inline);
