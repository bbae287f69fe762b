using Touchpoint.Core.Data;

namespace Touchpoint.Core.Conversations;

/// <summary>
/// One agent's availability in a workspace: what they chose (online, away, offline), how many open
/// conversations they take at most, and when their inbox page last showed a sign of life. An agent
/// counts as available only when online, seen within the presence timeout, and under capacity.
/// </summary>
public sealed class AgentStatus : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid UserId { get; set; }
    public Presence Presence { get; set; } = Presence.Offline;
    /// <summary>Open conversations this agent takes at most (least-busy and round-robin skip a full agent).</summary>
    public int Capacity { get; set; } = 5;
    public DateTime? LastSeenAt { get; set; }
}

public enum Presence
{
    Online,
    Away,
    Offline,
}
