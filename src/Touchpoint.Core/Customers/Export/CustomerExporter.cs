using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers.Import;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Customers.Export;

/// <summary>
/// Writes the workspace's customers (or one segment's members) as CSV or JSON, streaming row by row
/// so an export of any size holds one customer in memory at a time. The CSV has one column per
/// profile field and one per trait (<c>traits.&lt;key&gt;</c>, nested traits with dotted keys), so
/// importing it into another workspace gives the same customers.
/// </summary>
public sealed class CustomerExporter(TouchpointDbContext db)
{
    // A download, never embedded in HTML: names stay readable instead of \u-escaped.
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] ProfileColumns =
    [
        "touchpointId", "externalId", "email", "phone", "name", "country", "region", "city", "latitude", "longitude",
        "timezone", "lifecycleStage", "consent_email", "consent_sms", "consent_surveys", "consent_tracking",
        "createdAt", "updatedAt", "lastSeenAt",
    ];

    /// <summary>Trait keys already written as profile columns.</summary>
    private static readonly HashSet<string> ProfileTraitKeys = new(StringComparer.Ordinal)
    {
        "email", "phone", "name", "country", "region", "city", "latitude", "longitude", "timezone",
        "consent.email", "consent.sms", "consent.surveys", "consent.tracking",
    };

    public async Task WriteCsvAsync(TextWriter output, Guid? segmentId, CancellationToken ct = default)
    {
        // A first pass over the traits alone finds the columns; the second streams the rows.
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var traits in Query(segmentId).Select(c => c.Traits).AsAsyncEnumerable().WithCancellation(ct))
        {
            foreach (var (key, _) in Flatten(traits))
            {
                if (!ProfileTraitKeys.Contains(key))
                {
                    keys.Add(key);
                }
            }
        }

        using var chunk = new StringWriter(CultureInfo.InvariantCulture);
        await using var csv = new CsvWriter(chunk, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var column in ProfileColumns.Concat(keys.Select(k => $"traits.{k}")))
        {
            csv.WriteField(CsvCells.Guard(column));
        }

        csv.NextRecord();
        var written = 0;
        await foreach (var c in Query(segmentId).AsAsyncEnumerable().WithCancellation(ct))
        {
            string?[] profile =
            [
                c.Id.ToString(), c.ExternalId, c.Email, c.Phone, c.Name, c.Country, c.Region, c.City,
                c.Latitude?.ToString("R", CultureInfo.InvariantCulture), c.Longitude?.ToString("R", CultureInfo.InvariantCulture),
                c.TimeZone, c.LifecycleStage?.ToString().ToLowerInvariant(),
                Flag(c.Consent.Email), Flag(c.Consent.Sms), Flag(c.Consent.Surveys), Flag(c.Consent.Tracking),
                CsvExport.Instant(c.CreatedAt), CsvExport.Instant(c.UpdatedAt), c.LastSeenAt is { } seen ? CsvExport.Instant(seen) : null,
            ];
            foreach (var value in profile)
            {
                csv.WriteField(CsvCells.Guard(value ?? ""));
            }

            var traits = Flatten(c.Traits).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
            foreach (var key in keys)
            {
                csv.WriteField(CsvCells.Guard(traits.GetValueOrDefault(key) ?? ""));
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

    /// <summary>A JSON array of customers, each with its traits as stored.</summary>
    public async Task WriteJsonAsync(Stream output, Guid? segmentId, CancellationToken ct = default)
    {
        await using var json = new Utf8JsonWriter(output, JsonOptions);
        json.WriteStartArray();
        var written = 0;
        await foreach (var c in Query(segmentId).AsAsyncEnumerable().WithCancellation(ct))
        {
            json.WriteStartObject();
            json.WriteString("id", c.Id);
            json.WriteString("externalId", c.ExternalId);
            json.WriteString("email", c.Email);
            json.WriteString("phone", c.Phone);
            json.WriteString("name", c.Name);
            json.WriteString("country", c.Country);
            json.WriteString("region", c.Region);
            json.WriteString("city", c.City);
            WriteNumber(json, "latitude", c.Latitude);
            WriteNumber(json, "longitude", c.Longitude);
            json.WriteString("timezone", c.TimeZone);
            json.WriteString("lifecycleStage", c.LifecycleStage?.ToString().ToLowerInvariant());
            json.WriteStartObject("consent");
            WriteFlag(json, "email", c.Consent.Email);
            WriteFlag(json, "sms", c.Consent.Sms);
            WriteFlag(json, "surveys", c.Consent.Surveys);
            WriteFlag(json, "tracking", c.Consent.Tracking);
            json.WriteEndObject();
            json.WritePropertyName("traits");
            json.WriteRawValue(c.Traits);
            json.WriteString("createdAt", c.CreatedAt);
            json.WriteString("updatedAt", c.UpdatedAt);
            if (c.LastSeenAt is { } seen)
            {
                json.WriteString("lastSeenAt", seen);
            }
            else
            {
                json.WriteNull("lastSeenAt");
            }

            json.WriteEndObject();
            if (++written % CsvExport.FlushEvery == 0)
            {
                await json.FlushAsync(ct);
            }
        }

        json.WriteEndArray();
        await json.FlushAsync(ct);
    }

    private IQueryable<Customer> Query(Guid? segmentId)
    {
        var query = db.Customers.AsNoTracking();
        if (segmentId is { } segment)
        {
            query = query.Where(c => db.SegmentMembers.Any(m => m.SegmentId == segment && m.CustomerId == c.Id));
        }

        return query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id);
    }

    /// <summary>Traits as (dotted key, cell text): nested objects flattened, lists and deeper values as JSON.</summary>
    private static IEnumerable<(string Key, string? Value)> Flatten(string traitsJson)
    {
        return JsonNode.Parse(traitsJson) is JsonObject traits ? Walk(null, traits) : [];

        static IEnumerable<(string, string?)> Walk(string? prefix, JsonObject node)
        {
            foreach (var (name, value) in node)
            {
                var key = prefix is null ? name : $"{prefix}.{name}";
                if (value is JsonObject nested && nested.Count > 0)
                {
                    foreach (var inner in Walk(key, nested))
                    {
                        yield return inner;
                    }
                }
                else
                {
                    yield return (key, Cell(value));
                }
            }
        }
    }

    private static string? Cell(JsonNode? value) => value switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValueKind() == JsonValueKind.True ? "true" : "false",
        _ => value.ToJsonString(),
    };

    private static string? Flag(bool? flag) => flag switch { true => "true", false => "false", null => null };


    private static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteFlag(Utf8JsonWriter json, string name, bool? value)
    {
        if (value is { } flag)
        {
            json.WriteBoolean(name, flag);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
