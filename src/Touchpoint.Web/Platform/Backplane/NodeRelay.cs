using Touchpoint.Core.Data.Backplane;

namespace Touchpoint.Web.Platform.Backplane;

/// <summary>
/// Listens to one backplane channel for the life of the host and hands each notice from another node
/// to <see cref="Receive"/>. The relays say only what a notice means on this node.
/// </summary>
internal abstract class NodeRelay(INodeBus bus, string channel) : IHostedService, IDisposable
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = bus.Subscribe(channel, Receive);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _subscription?.Dispose();

    internal abstract void Receive(NodeNotice notice);
}
