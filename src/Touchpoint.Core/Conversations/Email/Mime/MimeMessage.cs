using System.Text;
using System.Text.RegularExpressions;

namespace Touchpoint.Core.Conversations.Email.Mime;

/// <summary>
/// An RFC 5322 message read for the email channel: who sent it to whom, how it threads, its text
/// (text/plain preferred, else HTML turned into text) and its files. Never throws on malformed mail:
/// what cannot be read is left out.
/// </summary>
public sealed partial class MimeMessage
{
    private MimeMessage(MimeEntity root)
    {
        Root = root;
        var headers = root.Headers;
        Subject = headers.Text("Subject") ?? "";
        From = FirstOf(MailboxAddress.ParseList(headers["From"]));
        To = MailboxAddress.ParseList(string.Join(", ", headers.All("To")));
        Cc = MailboxAddress.ParseList(string.Join(", ", headers.All("Cc")));
        ReplyTo = FirstOf(MailboxAddress.ParseList(headers["Reply-To"]));
        DeliveredTo = MailboxAddress.ParseList(string.Join(", ",
            headers.All("Delivered-To").Concat(headers.All("X-Original-To")).Concat(headers.All("Envelope-To"))));
        MessageId = FirstOf(MessageIds(headers["Message-ID"]));
        InReplyTo = FirstOf(MessageIds(headers["In-Reply-To"]));
        References = MessageIds(headers["References"]);
        Date = MimeDate.Parse(headers["Date"]);
        var body = new BodyCollector();
        body.Walk(root, candidate: true);
        Text = body.Text.ToString().Trim();
        Attachments = body.Attachments;
    }

    public MimeEntity Root { get; }
    public MimeHeaders Headers => Root.Headers;
    public string Subject { get; }
    public MailboxAddress? From { get; }
    public MailboxAddress? ReplyTo { get; }
    public IReadOnlyList<MailboxAddress> To { get; }
    public IReadOnlyList<MailboxAddress> Cc { get; }
    /// <summary>Delivered-To, X-Original-To and Envelope-To: where the mail server actually delivered it.</summary>
    public IReadOnlyList<MailboxAddress> DeliveredTo { get; }
    /// <summary>Without angle brackets; null when the message has none.</summary>
    public string? MessageId { get; }
    public string? InReplyTo { get; }
    public IReadOnlyList<string> References { get; }
    public DateTimeOffset? Date { get; }
    /// <summary>The message's text, line breaks as \n; quoted replies are still in it (see <c>ReplyText.Strip</c>).</summary>
    public string Text { get; }
    public IReadOnlyList<MimeAttachment> Attachments { get; }

    /// <summary>Every recipient the message names: To, Cc and the delivery headers.</summary>
    public IEnumerable<MailboxAddress> Recipients => To.Concat(Cc).Concat(DeliveredTo);

    /// <summary>An automatic reply (vacation notice, bounce-like auto-responder): stored, never answered.</summary>
    public bool IsAutoReply =>
        Headers["Auto-Submitted"] is { } auto && !auto.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase)
        || Headers["Precedence"]?.Trim().ToLowerInvariant() is "bulk" or "auto_reply" or "junk"
        || Headers["X-Autoreply"] is not null || Headers["X-Autorespond"] is not null;

    public static MimeMessage Parse(byte[] raw) => new(MimeEntity.Parse(Encoding.Latin1.GetString(raw)));

    public static MimeMessage Parse(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.ToArray());
    }

    /// <summary>The ids in a Message-ID, In-Reply-To or References header, without brackets, junk around them ignored.</summary>
    public static IReadOnlyList<string> MessageIds(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return [];
        }

        var bracketed = Bracketed().Matches(header).Select(m => m.Groups[1].Value.Trim()).Where(v => v.Length > 0).ToList();
        return bracketed.Count > 0
            ? bracketed
            : header.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries).Where(v => v.Contains('@', StringComparison.Ordinal)).ToList();
    }

    private static T? FirstOf<T>(IReadOnlyList<T> items) where T : class => items.Count > 0 ? items[0] : null;

    [GeneratedRegex(@"<([^<>\s]+)>")]
    private static partial Regex Bracketed();

    /// <summary>Walks the part tree: picks the text, collects the files.</summary>
    private sealed class BodyCollector
    {
        public StringBuilder Text { get; } = new();
        public List<MimeAttachment> Attachments { get; } = [];
        private bool _hasText;

        public void Walk(MimeEntity entity, bool candidate)
        {
            var type = entity.ContentType.Value;
            if (entity.IsMultipart)
            {
                if (type == "multipart/alternative")
                {
                    var chosen = Choose(entity.Parts);
                    foreach (var part in entity.Parts)
                    {
                        // The other versions of the text are not text to keep, but their files (inline images) are.
                        Walk(part, candidate && part == chosen);
                    }

                    return;
                }

                foreach (var part in entity.Parts)
                {
                    Walk(part, candidate);
                }

                return;
            }

            var isAttachment = entity.Disposition.Value == "attachment";
            var isText = type is "text/plain" or "text/html";
            if (!isAttachment && isText && entity.FileName is null)
            {
                if (candidate && !_hasText)
                {
                    var text = type == "text/html" ? HtmlText.ToPlain(entity.DecodedText()) : entity.DecodedText();
                    Text.Append(text);
                    _hasText = true;
                }
                else if (candidate && type == "text/plain")
                {
                    // More inline text in a mixed message (a footer, a second block) belongs to the text.
                    Text.Append("\n\n").Append(entity.DecodedText());
                }

                return;
            }

            Attachments.Add(ToAttachment(entity, isAttachment));
        }

        private static MimeEntity? Choose(IReadOnlyList<MimeEntity> parts) =>
            parts.FirstOrDefault(p => p.ContentType.Value == "text/plain" && p.Disposition.Value != "attachment" && p.DecodedText().Trim().Length > 0)
            ?? parts.FirstOrDefault(p => p.ContentType.Value == "text/html" && p.Disposition.Value != "attachment")
            ?? parts.FirstOrDefault(p => p.IsMultipart)
            ?? FirstOf(parts);

        private MimeAttachment ToAttachment(MimeEntity entity, bool isAttachment)
        {
            var type = entity.ContentType.Value;
            var name = entity.FileName;
            if (type == "message/rfc822" && name is null)
            {
                var inner = MimeEntity.Parse(entity.Headers["Content-Transfer-Encoding"] is null
                    ? entity.RawBody
                    : Encoding.Latin1.GetString(entity.DecodedBytes()));
                var subject = inner.Headers.Text("Subject");
                name = (string.IsNullOrWhiteSpace(subject) ? "forwarded message" : Safe(subject)) + ".eml";
            }

            name ??= $"attachment-{Attachments.Count + 1}{Extension(type)}";
            var contentId = entity.Headers["Content-ID"]?.Trim().Trim('<', '>');
            return new MimeAttachment(name, type, entity.DecodedBytes(), contentId, !isAttachment && entity.Disposition.Value != "attachment");
        }

        private static string Safe(string subject)
        {
            var cleaned = new string(subject.Select(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '.' ? c : '_').ToArray()).Trim();
            return cleaned.Length > 100 ? cleaned[..100] : cleaned;
        }

        private static string Extension(string type) =>
            ConversationLimits.AllowedTypes.FirstOrDefault(t => t.Value == type).Key
            ?? type switch
            {
                "message/rfc822" => ".eml",
                "text/html" => ".html",
                _ => ".bin",
            };
    }
}
