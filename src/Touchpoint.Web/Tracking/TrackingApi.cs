using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Tracking;

namespace Touchpoint.Web.Tracking;

/// <summary>
/// The Segment-compatible tracking API: <c>POST /v1/identify|track|page|screen|group|alias|batch</c>,
/// authenticated by a write key, answered <c>{"success":true}</c> once the events are committed.
/// Outside /api: no cookie or bearer scheme applies; the write key picks the workspace.
/// </summary>
internal static class TrackingApi
{
    public const string CorsPolicy = "tracking";

    /// <summary>What may arrive on the wire; the decompressed limits are checked while reading.</summary>
    private const long MaxWireBytes = 4 * 1024 * 1024;

    private static readonly (string Path, EventType? Type)[] Routes =
    [
        ("identify", EventType.Identify), ("track", EventType.Track), ("page", EventType.Page), ("screen", EventType.Screen),
        ("group", EventType.Group), ("alias", EventType.Alias), ("batch", null),
    ];

    // Segment's browser library posts to these short paths, and server libraries to /v1/import.
    private static readonly (string Path, EventType? Type)[] Aliases =
    [
        ("i", EventType.Identify), ("t", EventType.Track), ("p", EventType.Page), ("s", EventType.Screen),
        ("g", EventType.Group), ("a", EventType.Alias), ("b", null), ("import", null),
    ];

    public static void MapTrackingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").RequireCors(CorsPolicy).WithMetadata(new WireLimit()).WithTags("Tracking");
        foreach (var (path, type) in Routes)
        {
            group.MapPost(path, (HttpContext http, ApiKeyService keys, IServiceScopeFactory scopes, TimeProvider clock) =>
                HandleAsync(http, type, keys, scopes, clock));
        }

        foreach (var (path, type) in Aliases)
        {
            group.MapPost(path, (HttpContext http, ApiKeyService keys, IServiceScopeFactory scopes, TimeProvider clock) =>
                HandleAsync(http, type, keys, scopes, clock)).ExcludeFromDescription();
        }
    }

    private sealed class WireLimit : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => MaxWireBytes;
    }

    public sealed record Rejection(int Index, string? MessageId, Dictionary<string, string[]> Errors);

    private static async Task<IResult> HandleAsync(HttpContext http, EventType? type, ApiKeyService keys, IServiceScopeFactory scopes,
        TimeProvider clock)
    {
        var ct = http.RequestAborted;
        var headerKey = WriteKeys.FromHeader(http.Request);
        ApiKey? key = null;
        if (headerKey is not null)
        {
            key = await WriteKeys.FindAsync(keys, headerKey, ct);
            if (key is not { Kind: ApiKeyKind.Write })
            {
                return Unauthorized(http, key);
            }
        }

        var limit = type is null ? TrackingLimits.MaxBatchBytes : TrackingLimits.MaxMessageBytes;
        var body = await TrackingBody.ReadAsync(http.Request, limit, ct);
        if (body.TooLarge)
        {
            return type is null
                ? BodyProblem($"The batch is over {limit / 1024} KB",
                    $"A batch may be at most {limit / 1024} KB of JSON (after decompression). Send fewer messages per batch.")
                : BodyProblem($"The message is over {limit / 1024} KB",
                    $"A message may be at most {limit / 1024} KB of JSON (after decompression). Send less in properties, traits or context.");
        }

        if (body.Error is not null)
        {
            return BodyProblem("The body could not be read", body.Error);
        }

        using var document = Parse(body.Body, out var parseError);
        if (document is null)
        {
            return BodyProblem("The body is not valid JSON", parseError!);
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return BodyProblem("The body is not a JSON object", "Send one message as a JSON object, or a batch as {\"batch\":[...]}.");
        }

        if (key is null)
        {
            key = await WriteKeys.FindAsync(keys, WriteKeys.FromBody(root), ct);
            if (key is not { Kind: ApiKeyKind.Write })
            {
                return Unauthorized(http, key);
            }
        }

        var receivedAt = clock.GetUtcNow().UtcDateTime;
        var messages = new List<TrackingMessage>();
        var rejected = new List<Rejection>();
        if (type is { } single)
        {
            var read = TrackingMessageReader.Read(root, single, receivedAt);
            if (read.Message is null)
            {
                return TypedResults.ValidationProblem(read.Errors, title: "The message needs fixing",
                    detail: "Nothing was stored. Fix the fields named in 'errors' and send it again.");
            }

            messages.Add(read.Message);
        }
        else if (!ReadBatch(root, receivedAt, messages, rejected, out var batchError))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["batch"] = [batchError!] },
                title: "The batch needs fixing");
        }

        if (messages.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No message in the batch could be stored",
                detail: "Every message was rejected; 'rejected' says what to fix in each.",
                extensions: new Dictionary<string, object?> { ["success"] = false, ["accepted"] = 0, ["rejected"] = rejected });
        }

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(key.WorkspaceId);
        await scope.ServiceProvider.GetRequiredService<TrackingIngest>()
            .IngestAsync(key.WorkspaceId, key.Source ?? TrackingSource.Web, messages, receivedAt, ct);
        await WriteKeys.TouchAsync(scope.ServiceProvider.GetRequiredService<TouchpointDbContext>(), key, receivedAt, ct);

        return type is null
            ? TypedResults.Ok(new BatchAnswer(true, messages.Count, rejected))
            : TypedResults.Ok(new Answer(true));
    }

    private sealed record Answer(bool Success);

    private sealed record BatchAnswer(bool Success, int Accepted, List<Rejection> Rejected);

    /// <summary>Reads <c>{"batch":[...], "context":{...}, "sentAt":...}</c>; false when the batch itself is unusable.</summary>
    private static bool ReadBatch(JsonElement root, DateTime receivedAt, List<TrackingMessage> messages, List<Rejection> rejected,
        out string? error)
    {
        error = null;
        if (!root.TryGetProperty("batch", out var batch) || batch.ValueKind != JsonValueKind.Array)
        {
            error = "Send the messages as an array in 'batch': {\"batch\":[{\"type\":\"track\",...}]}.";
            return false;
        }

        if (batch.GetArrayLength() == 0)
        {
            error = "The batch is empty: send at least one message.";
            return false;
        }

        var context = root.TryGetProperty("context", out var c) && c.ValueKind == JsonValueKind.Object
            ? System.Text.Json.Nodes.JsonObject.Create(c.Clone()) : null;
        var defaults = new TrackingMessageReader.BatchDefaults(context, root.TryGetProperty("sentAt", out var s) ? s.Clone() : null);
        var index = 0;
        foreach (var element in batch.EnumerateArray())
        {
            var read = TrackingMessageReader.Read(element, type: null, receivedAt, defaults);
            if (read.Message is null)
            {
                rejected.Add(new Rejection(index, read.MessageId, read.Errors));
            }
            else
            {
                messages.Add(read.Message);
            }

            index++;
        }

        return true;
    }

    private static JsonDocument? Parse(ReadOnlyMemory<byte> body, out string? error)
    {
        error = null;
        if (body.IsEmpty)
        {
            error = "The body is empty: send the message as JSON.";
            return null;
        }

        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            error = $"The body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).";
            return null;
        }
    }

    private static ValidationProblem BodyProblem(string title, string detail) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [detail] }, title: title, detail: detail);

    private static ProblemHttpResult Unauthorized(HttpContext http, ApiKey? restKey)
    {
        http.Response.Headers.WWWAuthenticate = "Basic realm=\"Touchpoint tracking\"";
        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
            title: restKey is null ? "Write key required" : "This is a REST API key",
            detail: restKey is null
                ? "Send an active write key as the HTTP Basic user name (empty password), or as 'writeKey' in the body. Create one under Settings > API keys."
                : "REST API keys are secret and do not send tracking events: use a write key (Settings > API keys).");
    }
}
