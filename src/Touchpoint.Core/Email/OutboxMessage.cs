namespace Touchpoint.Core.Email;

/// <summary>
/// Something to send, written in the same transaction as the change that causes it and delivered
/// by <see cref="OutboxDispatcher"/>. Email today; webhooks and other senders share the table later.
/// Not workspace-filtered: a password reset belongs to a user, not a workspace.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public Guid? WorkspaceId { get; set; }
    public string Kind { get; set; } = "email";
    public required string Recipient { get; set; }
    /// <summary>What the message belongs to, for senders that need more than the row ("webhook:{id}").</summary>
    public string? Reference { get; set; }
    /// <summary>Set when the message goes to a customer, so it shows on their timeline.</summary>
    public Guid? CustomerId { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public string? HtmlBody { get; set; }
    /// <summary>Extra headers as a JSON object (name to value), e.g. a conversation reply's From, Reply-To and threading ids.</summary>
    public string? Headers { get; set; }
    /// <summary>
    /// Conversation files sent with this email, as space-separated ids. The bytes stay with the
    /// conversation and are read when the email is sent, so the outbox never holds a second copy.
    /// </summary>
    public string? ConversationFiles { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    /// <summary>Set while a dispatcher works on the row, so two nodes never send it at once.</summary>
    public DateTime? LockedUntil { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }

    public string MessageId => $"outbox-{Id}";

    public static string? WriteHeaders(IReadOnlyDictionary<string, string>? headers) =>
        headers is { Count: > 0 } ? System.Text.Json.JsonSerializer.Serialize(headers) : null;

    public static string? WriteFiles(IReadOnlyCollection<Guid>? files) =>
        files is { Count: > 0 } ? string.Join(' ', files.Select(f => f.ToString("N"))) : null;

    public IReadOnlyList<Guid> ReadFiles() =>
        ConversationFiles is null ? [] : ConversationFiles.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList();

    public IReadOnlyDictionary<string, string>? ReadHeaders() =>
        Headers is null ? null : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(Headers);
}
