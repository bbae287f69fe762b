using System.Collections.Concurrent;
using System.Threading.Channels;
using Touchpoint.Core.Data.Backplane;

namespace Touchpoint.Core.Feedback;

/// <summary>
/// The live feed of completed responses: the Responses page listens to its workspace. Listeners are
/// in this process; <see cref="Publish"/> also tells the other nodes (by id, through
/// <see cref="INodeBus"/>), whose relay reads the response and hands it to <see cref="PublishHere"/>.
/// A slow listener loses the oldest items rather than holding the notifier up.
/// </summary>
public sealed class ResponseFeed(INodeBus bus)
{
    public sealed record Item(long Id, Guid WorkspaceId, Guid SurveyId, string Metric, int? Score, string? Comment,
        string? Channel, DateTime SubmittedAt)
    {
        public static Item Of(Response r) => new(r.Id, r.WorkspaceId, r.SurveyId, r.Metric.ToString().ToLowerInvariant(), r.Score,
            r.Comment, r.Channel?.ToString().ToLowerInvariant(), r.SubmittedAt);
    }

    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Subscription, byte>> _listeners = new();

    /// <summary>One listener of one workspace; dispose it to stop listening.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly Channel<Item> _channel = Channel.CreateBounded<Item>(new BoundedChannelOptions(256)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
        });

        private readonly Action<Subscription> _leave;

        internal Subscription(Action<Subscription> leave) => _leave = leave;

        public ChannelReader<Item> Reader => _channel.Reader;

        internal void Offer(Item item) => _channel.Writer.TryWrite(item);

        public void Dispose() => _leave(this);
    }

    public Subscription Listen(Guid workspaceId)
    {
        var listeners = _listeners.GetOrAdd(workspaceId, _ => new());
        var subscription = new Subscription(s => listeners.TryRemove(s, out _));
        listeners[subscription] = 0;
        return subscription;
    }

    /// <summary>How many listen to a workspace on this node now (the relay reads nothing for a workspace nobody here watches; tests wait for a listener).</summary>
    public int ListenerCount(Guid workspaceId) => _listeners.TryGetValue(workspaceId, out var l) ? l.Count : 0;

    /// <summary>A response completed on this node: to its listeners here and, by id, to the other nodes'.</summary>
    public void Publish(Item item)
    {
        PublishHere(item);
        if (bus.SpansNodes)
        {
            bus.Publish(NodeChannels.Responses, NodeNotice.Response(item.WorkspaceId, item.Id));
        }
    }

    /// <summary>To this node's listeners only (a response another node completed and this node read).</summary>
    public void PublishHere(Item item)
    {
        if (_listeners.TryGetValue(item.WorkspaceId, out var listeners))
        {
            foreach (var listener in listeners.Keys)
            {
                listener.Offer(item);
            }
        }
    }
}
