using System.Globalization;
using CsvHelper;

namespace Touchpoint.Core.Customers.Export;

/// <summary>What the CSV exports share: how instants are written, and sending CsvHelper's output in chunks.</summary>
internal static class CsvExport
{
    public const int FlushEvery = 500;

    /// <summary>UTC, ISO 8601, to the tick: an import reads it back as the same instant.</summary>
    public static string Instant(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// CsvHelper writes synchronously, which servers refuse on a response body: it fills an in-memory
    /// chunk, and the chunk goes out with an async write.
    /// </summary>
    public static async Task SendAsync(CsvWriter csv, StringWriter chunk, TextWriter output, CancellationToken ct)
    {
        csv.Flush();
        await output.WriteAsync(chunk.GetStringBuilder(), ct);
        chunk.GetStringBuilder().Clear();
    }
}
