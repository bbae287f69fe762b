namespace Touchpoint.Core.Conversations;

/// <summary>What one message, file or sender may be: refused clearly beyond these.</summary>
public static class ConversationLimits
{
    /// <summary>Characters a chat message or note may have.</summary>
    public const int MaxMessageLength = 5_000;
    /// <summary>Characters stored of an inbound email's text (longer ones are cut, with a note).</summary>
    public const int MaxStoredBodyLength = 100_000;
    public const long MaxAttachmentBytes = 10 * 1024 * 1024;
    /// <summary>Messages one widget connection may send per minute before it is slowed down.</summary>
    public const int MessagesPerMinute = 30;

    /// <summary>Attachment types accepted: images and common documents (never HTML or scripts).</summary>
    public static readonly IReadOnlyDictionary<string, string> AllowedTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".pdf"] = "application/pdf",
        [".txt"] = "text/plain",
        [".csv"] = "text/csv",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };
}
