namespace Touchpoint.Core.Data.Backplane;

/// <summary>
/// The bus of a single node (SQLite, or PostgreSQL with the backplane turned off): every client is
/// connected to this process, and the feeds already pushed to them, so there is nobody else to tell.
/// Publishing costs nothing and subscribers never hear anything.
/// </summary>
public sealed class InProcessNodeBus : INodeBus
{
    public string NodeId { get; } = NodeIds.New();

    public bool SpansNodes => false;

    public void Publish(string channel, NodeNotice notice)
    {
        // One node: the feeds delivered locally before calling; no other node exists.
    }

    public IDisposable Subscribe(string channel, Action<NodeNotice> handler) => Nothing.Instance;

    private sealed class Nothing : IDisposable
    {
        public static readonly Nothing Instance = new();

        public void Dispose()
        {
            // Nothing was subscribed.
        }
    }
}
