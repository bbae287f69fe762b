using System.Text.Json;
using System.Text.Json.Serialization;

namespace Touchpoint.Core.Data.Backplane;

/// <summary>
/// What one node tells the others: which row changed, never the row itself (PostgreSQL refuses
/// NOTIFY payloads of 8000 bytes or more, and a body could be longer). Serialized as
/// <c>{"node","kind","workspaceId","conversationId","messageId","responseId","notificationId"}</c>, absent ids left out.
/// </summary>
public sealed record NodeNotice(
    string Kind,
    Guid WorkspaceId,
    Guid? ConversationId = null,
    long? MessageId = null,
    long? ResponseId = null,
    string? Node = null,
    Guid? NotificationId = null)
{
    public const string MessageKind = "message";
    public const string ConversationKind = "conversation";
    public const string ResponseKind = "response";
    public const string NotificationKind = "notification";

    public static NodeNotice Message(Guid workspaceId, Guid conversationId, long messageId) =>
        new(MessageKind, workspaceId, conversationId, messageId);

    public static NodeNotice Conversation(Guid workspaceId, Guid conversationId) => new(ConversationKind, workspaceId, conversationId);

    public static NodeNotice Response(Guid workspaceId, long responseId) => new(ResponseKind, workspaceId, ResponseId: responseId);

    public static NodeNotice Notification(Guid workspaceId, Guid notificationId) => new(NotificationKind, workspaceId, NotificationId: notificationId);

    public string ToJson() => JsonSerializer.Serialize(this, NodeNoticeJson.Default.NodeNotice);

    /// <summary>The notice in a payload, or null when the payload is not one (another program on the channel).</summary>
    public static NodeNotice? Parse(string? payload)
    {
        if (string.IsNullOrEmpty(payload))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(payload, NodeNoticeJson.Default.NodeNotice) is { Kind: not null, Node: not null } notice
                ? notice
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NodeNotice))]
internal sealed partial class NodeNoticeJson : JsonSerializerContext;
