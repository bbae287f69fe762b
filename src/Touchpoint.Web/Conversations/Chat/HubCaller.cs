namespace Touchpoint.Web.Conversations.Chat;

/// <summary>
/// Who is on the other end of a hub connection, decided once when it connects: a visitor of one
/// conversation (by its visitor token) or an agent of one workspace (by the member cookie). Kept in
/// the connection's items with the connection's own send and typing limits.
/// </summary>
internal sealed class HubCaller
{
    private const string Key = "touchpoint.caller";

    private HubCaller(Guid workspaceId, Guid? conversationId, Guid? userId)
    {
        WorkspaceId = workspaceId;
        ConversationId = conversationId;
        UserId = userId;
    }

    public Guid WorkspaceId { get; }
    /// <summary>The one conversation a visitor may use; null for agents.</summary>
    public Guid? ConversationId { get; }
    /// <summary>The agent; null for visitors.</summary>
    public Guid? UserId { get; }
    public bool IsAgent => UserId is not null;
    public string Author => IsAgent ? "agent" : "customer";
    public SendWindow Sends { get; } = new();
    public DateTimeOffset LastTyping { get; set; } = DateTimeOffset.MinValue;

    public static HubCaller Visitor(Guid workspaceId, Guid conversationId) => new(workspaceId, conversationId, null);

    public static HubCaller Agent(Guid workspaceId, Guid userId) => new(workspaceId, null, userId);

    public void Keep(IDictionary<object, object?> items) => items[Key] = this;

    public static HubCaller? Of(IDictionary<object, object?> items) => items.TryGetValue(Key, out var caller) ? caller as HubCaller : null;
}

/// <summary>A sliding one-minute window of sends: a flooding connection is slowed, others are not.</summary>
internal sealed class SendWindow
{
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly Lock _lock = new();

    public bool TryTake(DateTimeOffset now, int perMinute)
    {
        lock (_lock)
        {
            while (_sent.Count > 0 && now - _sent.Peek() >= TimeSpan.FromMinutes(1))
            {
                _sent.Dequeue();
            }

            if (_sent.Count >= perMinute)
            {
                return false;
            }

            _sent.Enqueue(now);
            return true;
        }
    }
}
