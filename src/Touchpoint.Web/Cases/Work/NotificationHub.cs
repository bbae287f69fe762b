using Microsoft.AspNetCore.SignalR;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Cases.Work;

/// <summary>
/// <c>/hubs/notifications</c>: a signed-in member's pages listen here for <c>notification</c>
/// (<see cref="NotificationPush"/>), which carries the new unread count for the bell. Only the app's
/// own pages may connect with the member's cookie (another site cannot ride it over a WebSocket).
/// </summary>
internal sealed class NotificationHub : Hub
{
    public const string Path = "/hubs/notifications";

    public static string UserGroup(Guid workspaceId, Guid userId) => $"user:{workspaceId}:{userId}";

    public override async Task OnConnectedAsync()
    {
        var http = Context.GetHttpContext();
        if (Context.User?.WorkspaceId() is { } workspaceId && Context.User.UserId() is { } userId && http is not null && SameOrigin(http))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(workspaceId, userId), Context.ConnectionAborted);
            return;
        }

        throw new HubException("Sign in as a member of the workspace to receive notifications.");
    }

    private static bool SameOrigin(HttpContext http)
    {
        var origin = http.Request.Headers.Origin.ToString();
        return string.IsNullOrEmpty(origin)
            || (Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                && string.Equals(uri.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>What the bell receives: the notification and the person's unread count after it.</summary>
internal sealed record NotificationPush(Guid Id, string Title, string? Body, string? Link, DateTime CreatedAt, int Unread);
