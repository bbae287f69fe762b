using System.Buffers;
using System.IO.Compression;

namespace Touchpoint.Web.Tracking;

/// <summary>
/// Reads a tracking request's body: gzip-compressed when <c>Content-Encoding</c> says so, whatever
/// the content type (Segment's browser library posts JSON as text/plain to skip CORS preflights).
/// Stops as soon as the decompressed body passes the limit, so a small compressed body cannot
/// expand into a large one in memory.
/// </summary>
internal static class TrackingBody
{
    public sealed record Result(ReadOnlyMemory<byte> Body, bool TooLarge, string? Error);

    public static async Task<Result> ReadAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        var gzip = encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase);
        if (!gzip && encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return new Result(default, false, $"Content-Encoding '{encoding}' is not supported: send the body as is, or gzip it.");
        }

        await using var source = gzip ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : null;
        var stream = (Stream?)source ?? request.Body;
        var buffer = new ArrayBufferWriter<byte>(Math.Min(limit + 1, 64 * 1024));
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer.GetMemory(8192), ct);
                if (read == 0)
                {
                    return new Result(buffer.WrittenMemory, false, null);
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > limit)
                {
                    return new Result(default, true, null);
                }
            }
        }
        catch (InvalidDataException)
        {
            return new Result(default, false, "The body says it is gzip-compressed but could not be decompressed.");
        }
    }
}
