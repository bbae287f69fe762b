using Microsoft.AspNetCore.SignalR;

namespace Touchpoint.Web.Conversations;

/// <summary>
/// The real-time side of conversations at <c>/hubs/conversations</c>: widgets (visitors, by their
/// conversation's visitor token) and agents (signed-in members) connect here. Clients receive
/// <c>message</c> (<see cref="MessageDto"/>), <c>conversation</c> (<see cref="ConversationDto"/>, agents
/// only) and <c>typing</c>; a client that reconnects asks for the messages after the last sequence
/// number it has. Group names: <see cref="ConversationGroup"/> for a conversation's visitor,
/// <see cref="AgentsGroup"/> for a workspace's agents.
/// </summary>
internal sealed partial class ConversationHub : Hub
{
    public const string Path = "/hubs/conversations";

    public static string ConversationGroup(Guid conversationId) => $"conversation:{conversationId}";

    public static string AgentsGroup(Guid workspaceId) => $"agents:{workspaceId}";
}
