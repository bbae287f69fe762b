using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Touchpoint.Core.Feedback;

/// <summary>
/// The in-process live feed of completed responses: the Responses page listens to its workspace.
/// A slow listener loses the oldest items rather than holding the notifier up.
/// </summary>
public sealed class ResponseFeed
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

    /// <summary>How many listen to a workspace now (tests wait for a listener before they answer).</summary>
    public int ListenerCount(Guid workspaceId) => _listeners.TryGetValue(workspaceId, out var l) ? l.Count : 0;

    public void Publish(Item item)
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
