using Microsoft.AspNetCore.SignalR;
using Touchpoint.Web.Conversations.Chat;

namespace Touchpoint.Web.Platform.Backplane;

/// <summary>
/// Counts the conversation hub's connections in <see cref="ConversationHubPresence"/>: a connection
/// counts once the hub accepted it (it knows its caller), and stops counting when it closes.
/// Registered on every hub (a filter on the conversation hub's own options was not applied); other
/// hubs' connections carry no caller and are not counted.
/// </summary>
internal sealed class ConversationHubPresenceFilter(ConversationHubPresence presence) : IHubFilter
{
    private const string CountedKey = "touchpoint.presence";

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        if (HubCaller.Of(context.Context.Items) is { } caller)
        {
            presence.Joined(caller);
            context.Context.Items[CountedKey] = caller;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            if (context.Context.Items.Remove(CountedKey, out var counted) && counted is HubCaller caller)
            {
                presence.Left(caller);
            }
        }
    }
}
