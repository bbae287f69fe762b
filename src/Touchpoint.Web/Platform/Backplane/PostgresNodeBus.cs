using System.Threading.Channels;
using Touchpoint.Core.Data.Backplane;

namespace Touchpoint.Web.Platform.Backplane;

/// <summary>
/// The bus of a node among several on one PostgreSQL: <see cref="Publish"/> queues notices that
/// <see cref="PostgresNotifyPublisher"/> sends with <c>pg_notify</c> from a pooled connection;
/// <see cref="PostgresNodeListener"/> hands what its LISTEN connection hears to <see cref="Receive"/>,
/// which drops this node's own notices (it delivered them itself) and calls the subscribers.
/// </summary>
internal sealed partial class PostgresNodeBus : INodeBus
{
    /// <summary>Notices waiting for the publisher; beyond this (the database unreachable for a while) new ones are dropped.</summary>
    public const int QueueCapacity = 10_000;

    private readonly Lock _handlersLock = new();
    private Dictionary<string, Action<NodeNotice>[]> _handlers = [];
    private long _dropped;

    private readonly Channel<Outgoing> _queue;
    private readonly ILogger<PostgresNodeBus> _logger;

    public PostgresNodeBus(ILogger<PostgresNodeBus> logger)
    {
        _logger = logger;
        _queue = Channel.CreateBounded<Outgoing>(
            new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    internal readonly record struct Outgoing(string Channel, NodeNotice Notice);

    public string NodeId { get; } = NodeIds.New();

    public bool SpansNodes => true;

    /// <summary>Read by <see cref="PostgresNotifyPublisher"/> only.</summary>
    internal ChannelReader<Outgoing> Queue => _queue.Reader;

    public void Publish(string channel, NodeNotice notice) =>
        _queue.Writer.TryWrite(new Outgoing(channel, notice with { Node = NodeId }));

    /// <summary>How many notices were dropped because the queue was full, since the last call.</summary>
    internal long TakeDropped() => Interlocked.Exchange(ref _dropped, 0);

    public IDisposable Subscribe(string channel, Action<NodeNotice> handler)
    {
        lock (_handlersLock)
        {
            // Copy on write: Receive reads the dictionary without a lock on every notice.
            var handlers = new Dictionary<string, Action<NodeNotice>[]>(_handlers)
            {
                [channel] = [.. _handlers.GetValueOrDefault(channel, []), handler],
            };
            _handlers = handlers;
        }

        return new Subscription(this, channel, handler);
    }

    private void Unsubscribe(string channel, Action<NodeNotice> handler)
    {
        lock (_handlersLock)
        {
            var handlers = new Dictionary<string, Action<NodeNotice>[]>(_handlers)
            {
                [channel] = _handlers.GetValueOrDefault(channel, []).Where(h => h != handler).ToArray(),
            };
            _handlers = handlers;
        }
    }

    /// <summary>A notification the listener heard: to the channel's subscribers, unless this node sent it.</summary>
    internal void Receive(string channel, string payload)
    {
        if (NodeNotice.Parse(payload) is not { } notice)
        {
            LogNotANotice(channel);
            return;
        }

        if (notice.Node == NodeId)
        {
            return;
        }

        foreach (var handler in Volatile.Read(ref _handlers).GetValueOrDefault(channel, []))
        {
            handler(notice);
        }
    }

    private sealed class Subscription(PostgresNodeBus bus, string channel, Action<NodeNotice> handler) : IDisposable
    {
        public void Dispose() => bus.Unsubscribe(channel, handler);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a notification on {Channel} that is not a Touchpoint notice")]
    private partial void LogNotANotice(string channel);
}
