using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers.Import;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Tracking;

namespace Touchpoint.Core.Customers.Export;

/// <summary>
/// Writes tracked events, oldest first, as CSV or JSON, streaming. The CSV has the columns the
/// events import reads (message id included, properties as one JSON cell), so an export imports
/// back as the same events.
/// </summary>
public sealed class EventExporter(TouchpointDbContext db)
{
    // A download, never embedded in HTML: names stay readable instead of \u-escaped.
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private sealed record Row(long Id, string MessageId, string? UserId, string? Email, EventType Type, string? Name, DateTime OccurredAt,
        TrackingSource Source, Channel Channel, string Properties, string? Context, DateTime ReceivedAt, Guid CustomerId);

    /// <summary>Events with <paramref name="from"/> ≤ time &lt; <paramref name="to"/>; either may be null.</summary>
    public async Task WriteCsvAsync(TextWriter output, DateTime? from, DateTime? to, CancellationToken ct = default)
    {
        using var chunk = new StringWriter(CultureInfo.InvariantCulture);
        await using var csv = new CsvWriter(chunk, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var column in (string[])["messageId", "userId", "email", "type", "event", "timestamp", "source", "channel", "properties", "receivedAt"])
        {
            csv.WriteField(column);
        }

        csv.NextRecord();
        var written = 0;
        await foreach (var e in Query(from, to).AsAsyncEnumerable().WithCancellation(ct))
        {
            foreach (var value in (string?[])[e.MessageId, e.UserId, e.Email, Lower(e.Type), e.Name, CsvExport.Instant(e.OccurredAt), Lower(e.Source), Lower(e.Channel),
                         e.Properties, CsvExport.Instant(e.ReceivedAt)])
            {
                csv.WriteField(CsvCells.Guard(value ?? ""));
            }

            csv.NextRecord();
            if (++written % CsvExport.FlushEvery == 0)
            {
                await CsvExport.SendAsync(csv, chunk, output, ct);
            }
        }

        await CsvExport.SendAsync(csv, chunk, output, ct);
        await output.FlushAsync(ct);
    }

    /// <summary>A JSON array of events, properties and context as stored.</summary>
    public async Task WriteJsonAsync(Stream output, DateTime? from, DateTime? to, CancellationToken ct = default)
    {
        await using var json = new Utf8JsonWriter(output, JsonOptions);
        json.WriteStartArray();
        var written = 0;
        await foreach (var e in Query(from, to).AsAsyncEnumerable().WithCancellation(ct))
        {
            json.WriteStartObject();
            json.WriteString("messageId", e.MessageId);
            json.WriteString("customerId", e.CustomerId);
            json.WriteString("userId", e.UserId);
            json.WriteString("email", e.Email);
            json.WriteString("type", Lower(e.Type));
            json.WriteString("event", e.Name);
            json.WriteString("timestamp", e.OccurredAt);
            json.WriteString("source", Lower(e.Source));
            json.WriteString("channel", Lower(e.Channel));
            json.WritePropertyName("properties");
            json.WriteRawValue(e.Properties);
            json.WritePropertyName("context");
            if (e.Context is null)
            {
                json.WriteNullValue();
            }
            else
            {
                json.WriteRawValue(e.Context);
            }

            json.WriteString("receivedAt", e.ReceivedAt);
            json.WriteEndObject();
            if (++written % CsvExport.FlushEvery == 0)
            {
                await json.FlushAsync(ct);
            }
        }

        json.WriteEndArray();
        await json.FlushAsync(ct);
    }

    private IQueryable<Row> Query(DateTime? from, DateTime? to)
    {
        var events = db.Events.AsNoTracking();
        if (from is { } start)
        {
            events = events.Where(e => e.OccurredAt >= start);
        }

        if (to is { } end)
        {
            events = events.Where(e => e.OccurredAt < end);
        }

        return events
            .Join(db.Customers, e => e.CustomerId, c => c.Id, (e, c) => new { Event = e, c.ExternalId, c.Email })
            .OrderBy(x => x.Event.OccurredAt).ThenBy(x => x.Event.Id)
            .Select(x => new Row(x.Event.Id, x.Event.MessageId, x.ExternalId, x.Email, x.Event.Type, x.Event.Name, x.Event.OccurredAt,
                x.Event.Source, x.Event.Channel, x.Event.Properties, x.Event.Context, x.Event.ReceivedAt, x.Event.CustomerId));
    }

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

}
