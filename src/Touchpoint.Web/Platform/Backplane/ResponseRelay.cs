using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Data.Backplane;
using Touchpoint.Core.Feedback;

namespace Touchpoint.Web.Platform.Backplane;

/// <summary>
/// Hands responses completed on other nodes to this node's live feed (<c>/responses/live</c>): reads
/// the response in its workspace and offers it to this node's listeners only. A workspace without a
/// listener here costs nothing: the notice is dropped unread.
/// </summary>
internal sealed partial class ResponseRelay(INodeBus bus, ResponseFeed feed, IServiceScopeFactory scopes, ILogger<ResponseRelay> logger)
    : NodeRelay(bus, NodeChannels.Responses)
{
    internal override void Receive(NodeNotice notice)
    {
        if (notice is { Kind: NodeNotice.ResponseKind, ResponseId: { } responseId } && feed.ListenerCount(notice.WorkspaceId) > 0)
        {
            _ = PushAsync(notice.WorkspaceId, responseId);
        }
    }

    private async Task PushAsync(Guid workspaceId, long responseId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(workspaceId);
            var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
            if (await db.Responses.AsNoTracking().FirstOrDefaultAsync(r => r.Id == responseId && r.Status == ResponseStatus.Completed)
                is { } response)
            {
                feed.PublishHere(ResponseFeed.Item.Of(response));
            }
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ObjectDisposedException)
        {
            LogReadFailed(ex, responseId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Response {ResponseId}, completed on another node, could not be read for the live feed")]
    private partial void LogReadFailed(Exception ex, long responseId);
}
