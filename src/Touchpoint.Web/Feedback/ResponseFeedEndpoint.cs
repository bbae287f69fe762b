using System.Text.Json;
using Touchpoint.Core.Feedback;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Feedback;

/// <summary>
/// <c>GET /responses/live</c>: Server-Sent Events of the signed-in member's workspace, one
/// <c>response</c> event per completed answer, fed by <see cref="ResponseNotifier"/> on this node.
/// A comment line every 15 seconds keeps proxies from closing a quiet stream.
/// </summary>
internal static class ResponseFeedEndpoint
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static void MapResponseFeed(this IEndpointRouteBuilder app) =>
        app.MapGet("/responses/live", StreamAsync).RequireAuthorization(Permission.ViewFeedback.Name).ExcludeFromDescription();

    private static async Task StreamAsync(HttpContext http, ResponseFeed feed)
    {
        if (http.User.WorkspaceId() is not { } workspaceId)
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var ct = http.RequestAborted;
        using var subscription = feed.Listen(workspaceId);
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        try
        {
            await WriteAsync(http, ": listening\n\n", ct);
            while (!ct.IsCancellationRequested)
            {
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(ct);
                quiet.CancelAfter(Heartbeat);
                try
                {
                    await subscription.Reader.WaitToReadAsync(quiet.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await WriteAsync(http, ": still here\n\n", ct);
                    continue;
                }

                while (subscription.Reader.TryRead(out var item))
                {
                    var json = JsonSerializer.Serialize(item, JsonSerializerOptions.Web);
                    await WriteAsync(http, $"id: {item.Id}\nevent: response\ndata: {json}\n\n", ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The browser went away.
        }
    }

    private static async Task WriteAsync(HttpContext http, string text, CancellationToken ct)
    {
        await http.Response.WriteAsync(text, ct);
        await http.Response.Body.FlushAsync(ct);
    }
}
