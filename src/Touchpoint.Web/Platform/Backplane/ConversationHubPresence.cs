using System.Collections.Concurrent;
using Touchpoint.Web.Conversations.Chat;

namespace Touchpoint.Web.Platform.Backplane;

/// <summary>
/// Who is connected to this node's conversation hub: agents per workspace, visitors per conversation.
/// The relay reads a row another node announced only when someone here would receive it; a node
/// without those clients drops the notice and costs the database nothing.
/// </summary>
internal sealed class ConversationHubPresence
{
    private readonly ConcurrentDictionary<Guid, int> _agentsByWorkspace = new();
    private readonly ConcurrentDictionary<Guid, int> _visitorsByConversation = new();

    public void Joined(HubCaller caller) => Change(caller, +1);

    public void Left(HubCaller caller) => Change(caller, -1);

    public bool HasAgents(Guid workspaceId) => _agentsByWorkspace.ContainsKey(workspaceId);

    /// <summary>True when a message of the conversation would reach someone here: the workspace's agents or the conversation's visitor.</summary>
    public bool Watches(Guid workspaceId, Guid conversationId) =>
        _agentsByWorkspace.ContainsKey(workspaceId) || _visitorsByConversation.ContainsKey(conversationId);

    private void Change(HubCaller caller, int delta)
    {
        if (caller.IsAgent)
        {
            Change(_agentsByWorkspace, caller.WorkspaceId, delta);
        }
        else if (caller.ConversationId is { } conversationId)
        {
            Change(_visitorsByConversation, conversationId, delta);
        }
    }

    private static void Change(ConcurrentDictionary<Guid, int> counts, Guid key, int delta)
    {
        var now = counts.AddOrUpdate(key, delta, (_, n) => n + delta);
        if (now <= 0)
        {
            // Removed only if still zero: a connection that joined meanwhile keeps its entry.
            counts.TryRemove(new KeyValuePair<Guid, int>(key, now));
        }
    }
}
