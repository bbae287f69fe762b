namespace Touchpoint.Core.Data.Backplane;

/// <summary>
/// Tells the other nodes of a deployment what this node just committed, so each can push it to the
/// clients connected to it (live chat, the live responses page). Notices carry ids, never bodies: a
/// receiving node reads the row itself, in the notice's workspace. Delivery is at most once and may
/// be lost (a node that reconnects cannot replay what it missed): clients catch up by sequence number.
/// One node (SQLite) has nobody to tell: <see cref="InProcessNodeBus"/>. Several nodes on PostgreSQL
/// use LISTEN/NOTIFY.
/// </summary>
public interface INodeBus
{
    /// <summary>This node's id, stamped on every notice it publishes so it can ignore its own.</summary>
    string NodeId { get; }

    /// <summary>False when there is no other node to tell: callers skip building notices at all.</summary>
    bool SpansNodes { get; }

    /// <summary>Queues a notice for the other nodes; never blocks and never throws (call it after the commit).</summary>
    void Publish(string channel, NodeNotice notice);

    /// <summary>
    /// Calls <paramref name="handler"/> with every notice another node publishes on <paramref name="channel"/>
    /// (never this node's own). Handlers run on the bus's receiving loop: keep them short and hand
    /// slow work (loading a row) to a task of their own. Dispose the result to stop.
    /// </summary>
    IDisposable Subscribe(string channel, Action<NodeNotice> handler);
}
