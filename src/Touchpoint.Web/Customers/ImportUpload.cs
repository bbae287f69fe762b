using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Touchpoint.Core.Customers.Import;

namespace Touchpoint.Web.Customers;

/// <summary>
/// Takes an uploaded CSV (a text/csv body, or the <c>file</c> field of a multipart form) into a
/// temporary file, streaming: the import reads it twice (encoding check, then rows) and never holds
/// the whole upload in memory. The file deletes itself when the stream is disposed.
/// </summary>
internal static class ImportUpload
{
    public sealed class TooLargeException(long limit) : Exception($"The file is larger than {limit} bytes.")
    {
        public long Limit { get; } = limit;
    }

    public static async Task<FileStream> SpoolAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        if (request.HasFormContentType && MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value
                ?? throw new ImportFileException("file", "The multipart form has no boundary.");
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    && HeaderUtilities.RemoveQuotes(disposition.Name).Equals("file", StringComparison.Ordinal))
                {
                    return await CopyAsync(section.Body, limit, ct);
                }
            }

            throw new ImportFileException("file", "The form has no field named 'file'. Send the CSV file in a field called file.");
        }

        return await CopyAsync(request.Body, limit, ct);
    }

    /// <summary>Copies to a new temporary file, refusing more than <paramref name="limit"/> bytes; the result is rewound.</summary>
    public static async Task<FileStream> CopyAsync(Stream source, long limit, CancellationToken ct)
    {
        var file = CreateTemporary();
        try
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    throw new TooLargeException(limit);
                }

                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }

            if (total == 0)
            {
                throw new ImportFileException("file", "The file is empty. Send a CSV file whose first line names the columns.");
            }

            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static FileStream CreateTemporary() =>
        new(Path.Combine(Path.GetTempPath(), $"touchpoint-import-{Guid.NewGuid():N}.csv"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}
