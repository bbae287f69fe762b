using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Feedback;

/// <summary>
/// <c>GET /responses/live</c>: Server-Sent Events of the signed-in member's workspace, one
/// <c>response</c> event per completed answer, fed by <see cref="ResponseAnnouncement"/> and
/// <see cref="ResponseNotifier"/> on this node.
/// A comment line every 15 seconds keeps proxies from closing a quiet stream.
/// </summary>
internal static class ResponseFeedEndpoint
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static void MapResponseFeed(this IEndpointRouteBuilder app) =>
        app.MapGet("/responses/live", StreamAsync).RequireAuthorization(Permission.ViewFeedback.Name).ExcludeFromDescription();

    private static async Task StreamAsync(HttpContext http, ResponseFeed feed, TouchpointDbContext db)
    {
        if (http.User.WorkspaceId() is not { } workspaceId)
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var ct = http.RequestAborted;
        var surveyNames = new Dictionary<Guid, string>();
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
                    var json = JsonSerializer.Serialize(await LineAsync(item, db, surveyNames, ct), JsonSerializerOptions.Web);
                    await WriteAsync(http, $"id: {item.Id}\nevent: response\ndata: {json}\n\n", ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The browser went away.
        }
    }

    /// <summary>One feed line: the item and its survey's name, read once per survey per stream (the request's workspace only).</summary>
    private static async Task<Line> LineAsync(ResponseFeed.Item item, TouchpointDbContext db, Dictionary<Guid, string> surveyNames,
        CancellationToken ct)
    {
        if (!surveyNames.TryGetValue(item.SurveyId, out var name))
        {
            name = await db.Surveys.Where(s => s.Id == item.SurveyId).Select(s => s.Name).FirstOrDefaultAsync(ct) ?? "";
            surveyNames[item.SurveyId] = name;
        }

        return new Line(item.Id, item.SurveyId, name, item.Metric, item.Score, item.Comment, item.Channel, item.SubmittedAt);
    }

    private sealed record Line(long Id, Guid SurveyId, string SurveyName, string Metric, int? Score, string? Comment, string? Channel,
        DateTime SubmittedAt);

    private static async Task WriteAsync(HttpContext http, string text, CancellationToken ct)
    {
        await http.Response.WriteAsync(text, ct);
        await http.Response.Body.FlushAsync(ct);
    }
}
