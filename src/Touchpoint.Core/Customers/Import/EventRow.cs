using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Tracking;

namespace Touchpoint.Core.Customers.Import;

/// <summary>
/// One events-CSV row: whose event (userId or email), what (name, type, properties), when, from
/// where, and its message id: the one given, or one derived from the row's content so that
/// importing the same file twice stores each event once.
/// </summary>
internal sealed partial class EventRow
{
    /// <summary>The tracking API's limit for one event.</summary>
    public const int MaxPropertiesJson = 32 * 1024;

    public required int Line { get; init; }
    public string? UserId { get; private init; }
    public string? Email { get; private init; }
    public required string Name { get; init; }
    public required DateTime OccurredAt { get; init; }
    public EventType Type { get; private init; }
    public TrackingSource Source { get; private init; }
    public Channel Channel { get; private init; }
    public required string MessageId { get; init; }
    public required string Properties { get; init; }

    /// <summary>The customer this event belongs to, as a lookup key.</summary>
    public string CustomerKey => UserId is not null ? $"id:{UserId}" : $"email:{Email}";

    public static EventRow? Read(CsvRecord record, ColumnMap map, DateTime now, List<(string Column, string Message)> problems)
    {
        string? Cell(string field) => map.For(field) is { } c && CsvCells.Text(record.Cells![c.Index]) is { Length: > 0 } t ? t : null;
        string Column(string field) => map.For(field)?.Column ?? field;

        var userId = Cell("userId");
        var email = Cell("email")?.Trim().ToLowerInvariant();
        if (userId is null && email is null)
        {
            problems.Add((map.For("userId") is not null ? Column("userId") : Column("email"), "Say whose event this is: give the customer's userId (external id) or email."));
        }
        else if (userId is { Length: > 200 })
        {
            problems.Add((Column("userId"), "Keep the user id under 200 characters."));
        }
        else if (userId is null && !email!.Contains('@', StringComparison.Ordinal))
        {
            problems.Add((Column("email"), "This is not an email address."));
        }

        var name = Cell("event");
        if (name is null)
        {
            problems.Add((Column("event"), "Give the event's name, such as Order Completed."));
        }
        else if (name.Length > 200)
        {
            problems.Add((Column("event"), "Keep the event name under 200 characters."));
        }

        var occurredAt = ReadTimestamp(Cell("timestamp"), now, Column("timestamp"), problems);
        var type = ReadEnum(Cell("type"), EventType.Track, [EventType.Track, EventType.Page, EventType.Screen], Column("type"), problems);
        var source = ReadEnum(Cell("source"), TrackingSource.Import, Enum.GetValues<TrackingSource>(), Column("source"), problems);
        var channel = ReadEnum(Cell("channel"), Channel.Web, Enum.GetValues<Channel>(), Column("channel"), problems);
        var properties = ReadProperties(record, map, problems);
        var messageId = Cell("messageId");
        if (messageId is { Length: > 100 })
        {
            problems.Add((Column("messageId"), "Keep the message id under 100 characters."));
        }

        var json = properties.ToJsonString();
        if (json.Length > MaxPropertiesJson)
        {
            problems.Add(("properties", $"An event's properties must stay under {MaxPropertiesJson / 1024} KB of JSON, as in the tracking API."));
        }

        if (problems.Count > 0)
        {
            return null;
        }

        return new EventRow
        {
            Line = record.Line,
            UserId = userId,
            Email = userId is null ? email : null,
            Name = name!,
            OccurredAt = occurredAt!.Value,
            Type = type,
            Source = source,
            Channel = channel,
            Properties = json,
            MessageId = messageId ?? DerivedMessageId(userId is not null ? $"id:{userId}" : $"email:{email}", name!, occurredAt.Value, type, json),
        };
    }

    /// <summary>"import-" and the SHA-256 of who, what, when and the properties: the same row always gets the same id.</summary>
    internal static string DerivedMessageId(string customerKey, string name, DateTime occurredAt, EventType type, string properties)
    {
        var content = string.Join('\n', customerKey, name, occurredAt.ToString("O", CultureInfo.InvariantCulture), type, properties);
        return "import-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }

    private static DateTime? ReadTimestamp(string? cell, DateTime now, string column, List<(string, string)> problems)
    {
        if (cell is null)
        {
            problems.Add((column, "Give the time the event happened, as ISO 8601 (2024-03-01T14:30:00Z)."));
            return null;
        }

        if (!IsoDate().IsMatch(cell) || !DateTimeOffset.TryParse(cell, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var at))
        {
            problems.Add((column, $"'{CustomerRow.Short(cell)}' is not an ISO 8601 time. Write it as 2024-03-01T14:30:00Z (or with an offset, +01:00)."));
            return null;
        }

        var utc = at.UtcDateTime;
        if (utc > now)
        {
            problems.Add((column, $"{cell} is in the future. Import events that have already happened."));
            return null;
        }

        return utc;
    }

    private static T ReadEnum<T>(string? cell, T fallback, T[] allowed, string column, List<(string, string)> problems) where T : struct, Enum
    {
        if (cell is null)
        {
            return fallback;
        }

        if (!cell.All(char.IsAsciiDigit) && Enum.TryParse<T>(cell, ignoreCase: true, out var value) && allowed.Contains(value))
        {
            return value;
        }

        problems.Add((column, $"'{CustomerRow.Short(cell)}' is not allowed here. Use one of: {string.Join(", ", allowed.Select(a => a.ToString().ToLowerInvariant()))}."));
        return fallback;
    }

    private static JsonObject ReadProperties(CsvRecord record, ColumnMap map, List<(string, string)> problems)
    {
        var properties = new JsonObject();
        if (map.For("properties") is { } whole && CsvCells.Text(record.Cells![whole.Index]) is { Length: > 0 } text)
        {
            try
            {
                if (JsonNode.Parse(text) is JsonObject given)
                {
                    properties = given;
                }
                else
                {
                    problems.Add((whole.Column, "Properties must be a JSON object, such as {\"total\": 42}."));
                }
            }
            catch (JsonException)
            {
                problems.Add((whole.Column, "Properties must be a JSON object, such as {\"total\": 42}."));
            }
        }

        foreach (var column in map.Others)
        {
            if (CsvCells.ToJson(record.Cells![column.Index]) is { } value)
            {
                properties[column.Key!] = value;
            }
        }

        return properties;
    }

    [GeneratedRegex(@"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}")]
    private static partial Regex IsoDate();
}
