namespace Touchpoint.Core.Email;

/// <summary>
/// An email ready to send. Text is always present; HTML is optional. <paramref name="Headers"/> carries
/// what a conversation reply needs (From, Reply-To, Message-ID, In-Reply-To, References);
/// <paramref name="Attachments"/> the files sent with it.
/// </summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody = null,
    IReadOnlyDictionary<string, string>? Headers = null, IReadOnlyList<EmailAttachment>? Attachments = null);

/// <summary>A file sent with an email.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);
