using System.Text;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Conversations.AfterChat;

/// <summary>
/// Accepts a file for a conversation: the extension must be an allowed type and the bytes must be what
/// the extension says (a ".png" that is really HTML is refused), within the size limit. The content
/// type stored is ours, from the extension, never the sender's. The upload waits, unsent, until a
/// message names it.
/// </summary>
public sealed class AttachmentUpload(TouchpointDbContext db, TimeProvider clock)
{
    public const int MaxFileNameLength = 200;

    public enum Outcome
    {
        Stored,
        Invalid,
        TooLarge,
    }

    public sealed record Result(Outcome Outcome, Dictionary<string, string[]> Errors, MessageAttachment? Attachment = null);

    public async Task<Result> StoreAsync(Guid workspaceId, Guid conversationId, string fileName, Stream content, long length,
        CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (length > ConversationLimits.MaxAttachmentBytes)
        {
            errors["file"] = [$"Send files of at most {ConversationLimits.MaxAttachmentBytes / (1024 * 1024)} MB."];
            return new Result(Outcome.TooLarge, errors);
        }

        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        var extension = Path.GetExtension(name);
        if (name.Length == 0 || name.Length > MaxFileNameLength || name.Any(char.IsControl))
        {
            errors["file"] = [$"Give the file a name of at most {MaxFileNameLength} characters."];
        }
        else if (!ConversationLimits.AllowedTypes.TryGetValue(extension, out _))
        {
            errors["file"] = [$"This type of file cannot be sent. Send one of: {string.Join(", ", ConversationLimits.AllowedTypes.Keys)}."];
        }
        else if (length == 0)
        {
            errors["file"] = ["The file is empty."];
        }

        if (errors.Count > 0)
        {
            return new Result(Outcome.Invalid, errors);
        }

        using var buffer = new MemoryStream((int)length);
        await content.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        if (!ContentMatches(extension, bytes))
        {
            errors["file"] = [$"The file's content is not a {extension} file. Send the file as it is, with its own extension."];
            return new Result(Outcome.Invalid, errors);
        }

        var attachment = new MessageAttachment
        {
            WorkspaceId = workspaceId,
            ConversationId = conversationId,
            FileName = name,
            ContentType = ConversationLimits.AllowedTypes[extension],
            Size = bytes.Length,
            Content = bytes,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.MessageAttachments.Add(attachment);
        await db.SaveChangesAsync(ct);
        return new Result(Outcome.Stored, errors, attachment);
    }

    /// <summary>The magic bytes of each allowed type; text must be UTF-8 without NULs and not start like markup.</summary>
    public static bool ContentMatches(string extension, ReadOnlySpan<byte> bytes) => extension.ToLowerInvariant() switch
    {
        ".png" => bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ".jpg" or ".jpeg" => bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
        ".gif" => bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8),
        ".webp" => bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8),
        ".pdf" => bytes.StartsWith("%PDF-"u8),
        ".docx" or ".xlsx" => bytes.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]),
        ".txt" or ".csv" => IsPlainText(bytes),
        _ => false,
    };

    private static bool IsPlainText(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Contains((byte)0))
        {
            return false;
        }

        try
        {
            var text = new UTF8Encoding(false, true).GetString(bytes);
            // Browsers that sniff treat text starting with a tag as HTML; we never store such "text".
            return !text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('<');
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
