using System.Threading.Channels;

namespace Touchpoint.Core.Customers;

/// <summary>
/// Word that a customer's data changed (an event arrived, traits or stage were edited, an answer
/// came in), so the segment maintainer re-evaluates that customer's segments, persona and lifecycle
/// stage soon after. Per process: each node re-evaluates the customers whose data it wrote, and a
/// periodic full recompute catches anything else (rules with time windows, other nodes' writes).
/// </summary>
public sealed class CustomerChanges
{
    private readonly Channel<(Guid WorkspaceId, Guid CustomerId)> _changed =
        Channel.CreateBounded<(Guid, Guid)>(new BoundedChannelOptions(100_000)
        {
            SingleReader = true,
            // Losing a notice under a flood only delays that customer to the next full recompute.
            FullMode = BoundedChannelFullMode.DropWrite,
        });

    public void Notify(Guid workspaceId, Guid customerId) => _changed.Writer.TryWrite((workspaceId, customerId));

    public ChannelReader<(Guid WorkspaceId, Guid CustomerId)> Reader => _changed.Reader;
}
