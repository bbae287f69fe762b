using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Touchpoint.Core.Tracking;

/// <summary>
/// Checks one message of the Segment HTTP spec and turns it into a <see cref="TrackingMessage"/>,
/// or says per field what is wrong with it. Lenient where real clients differ (ids may be numbers,
/// RudderStack sends <c>originalTimestamp</c>), strict where storing would go wrong.
/// </summary>
public static class TrackingMessageReader
{
    public sealed record Result(TrackingMessage? Message, string? MessageId, Dictionary<string, string[]> Errors);

    /// <summary>What a batch gives every message: its context, and its sentAt when the message has none.</summary>
    public sealed record BatchDefaults(JsonObject? Context, JsonElement? SentAt);

    private static readonly Dictionary<string, EventType> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["identify"] = EventType.Identify,
        ["track"] = EventType.Track,
        ["page"] = EventType.Page,
        ["screen"] = EventType.Screen,
        ["group"] = EventType.Group,
        ["alias"] = EventType.Alias,
    };

    public static bool TryParseType(string? name, out EventType type) => Types.TryGetValue(name ?? "", out type);

    /// <param name="type">The call's type when the endpoint names it; null in a batch, where each message says.</param>
    public static Result Read(JsonElement message, EventType? type, DateTime receivedAt, BatchDefaults? batch = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (message.ValueKind != JsonValueKind.Object)
        {
            errors["message"] = ["Each message is a JSON object."];
            return new Result(null, null, errors);
        }

        var messageId = Id(message, "messageId", TrackingLimits.MaxMessageIdLength, errors);
        var raw = Encoding.UTF8.GetByteCount(message.GetRawText());
        if (raw > TrackingLimits.MaxMessageBytes)
        {
            errors["message"] = [$"A message may be at most {TrackingLimits.MaxMessageBytes / 1024} KB of JSON; this one is {raw / 1024} KB."];
            return new Result(null, messageId, errors);
        }

        if (type is null)
        {
            var named = message.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (TryParseType(named, out var parsed))
            {
                type = parsed;
            }
            else
            {
                errors["type"] = ["Give each message a type: identify, track, page, screen, group or alias."];
            }
        }

        var userId = Id(message, "userId", TrackingLimits.MaxIdLength, errors);
        var anonymousId = Id(message, "anonymousId", TrackingLimits.MaxIdLength, errors);
        if (userId is null && anonymousId is null && !errors.ContainsKey("userId") && !errors.ContainsKey("anonymousId"))
        {
            errors["userId"] = ["Send a userId or an anonymousId: every message belongs to someone."];
        }

        string? name = null, previousId = null;
        switch (type)
        {
            case EventType.Track:
                name = Text(message, "event", TrackingLimits.MaxNameLength, errors);
                if (name is null && !errors.ContainsKey("event"))
                {
                    errors["event"] = ["A track call needs the event's name in 'event', such as \"Order Completed\"."];
                }

                break;
            case EventType.Page or EventType.Screen:
                name = Text(message, "name", TrackingLimits.MaxNameLength, errors);
                break;
            case EventType.Group:
                name = Id(message, "groupId", TrackingLimits.MaxNameLength, errors);
                if (name is null && !errors.ContainsKey("groupId"))
                {
                    errors["groupId"] = ["A group call needs the group's id in 'groupId'."];
                }

                break;
            case EventType.Alias:
                previousId = Id(message, "previousId", TrackingLimits.MaxIdLength, errors);
                if (previousId is null && !errors.ContainsKey("previousId"))
                {
                    errors["previousId"] = ["An alias call needs the old id in 'previousId'."];
                }

                if (userId is null && !errors.ContainsKey("userId"))
                {
                    errors["userId"] = ["An alias call needs the new id in 'userId'."];
                }

                break;
        }

        var payloadField = type is EventType.Identify or EventType.Group ? "traits" : "properties";
        var payload = Object(message, payloadField, errors) ?? [];
        var context = Object(message, "context", errors);
        if (batch?.Context is { } shared)
        {
            // The batch's context applies to every message; the message's own keys win.
            var merged = (JsonObject)shared.DeepClone();
            foreach (var (key, value) in context ?? [])
            {
                merged[key] = value?.DeepClone();
            }

            context = merged;
        }

        var timestamp = InstantField(message, "timestamp", errors) ?? InstantField(message, "originalTimestamp", errors);
        var sentAt = InstantField(message, "sentAt", errors);
        if (sentAt is null && batch?.SentAt is { } batchSentAt)
        {
            sentAt = Instant(batchSentAt, "sentAt", errors);
        }

        if (errors.Count > 0)
        {
            return new Result(null, messageId, errors);
        }

        return new Result(new TrackingMessage
        {
            Type = type!.Value,
            MessageId = messageId ?? $"tp-{Guid.CreateVersion7():N}",
            UserId = userId,
            AnonymousId = anonymousId,
            Name = name,
            PreviousId = previousId,
            Payload = payload,
            Context = context?.ToJsonString(),
            Path = PathOf(payload, context),
            ContextChannel = context?["channel"] is JsonValue channel && channel.GetValueKind() == JsonValueKind.String
                ? channel.GetValue<string>() : null,
            OccurredAt = OccurredAt(timestamp, sentAt, receivedAt),
        }, messageId, errors);
    }

    /// <summary>
    /// As Segment does: the sender's clock may be off, so the time between the event and the send
    /// (by the sender's clock) is counted back from when we received it. Without sentAt the
    /// timestamp is taken as given (historical imports); without either, it happened on receipt.
    /// </summary>
    private static DateTime OccurredAt(DateTime? timestamp, DateTime? sentAt, DateTime receivedAt) =>
        (timestamp, sentAt) switch
        {
            ({ } at, { } sent) => receivedAt - (sent - at),
            ({ } at, null) => at,
            _ => receivedAt,
        };

    private static string? PathOf(JsonObject properties, JsonObject? context)
    {
        if (properties["path"] is JsonValue path && path.GetValueKind() == JsonValueKind.String)
        {
            return path.GetValue<string>();
        }

        return context?["page"] is JsonObject page && page["path"] is JsonValue pagePath && pagePath.GetValueKind() == JsonValueKind.String
            ? pagePath.GetValue<string>()
            : null;
    }

    /// <summary>An id: a string, or a number written as text (some clients send numeric user ids).</summary>
    private static string? Id(JsonElement message, string field, int max, Dictionary<string, string[]> errors)
    {
        if (!message.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        if (text is null)
        {
            errors[field] = [$"'{field}' is a string."];
            return null;
        }

        return Check(field, text.Trim(), max, errors);
    }

    private static string? Text(JsonElement message, string field, int max, Dictionary<string, string[]> errors)
    {
        if (!message.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors[field] = [$"'{field}' is a string."];
            return null;
        }

        return Check(field, value.GetString()!.Trim(), max, errors);
    }

    private static string? Check(string field, string text, int max, Dictionary<string, string[]> errors)
    {
        if (text.Length > max)
        {
            errors[field] = [$"Keep '{field}' to {max} characters."];
            return null;
        }

        return text.Length == 0 ? null : text;
    }

    private static JsonObject? Object(JsonElement message, string field, Dictionary<string, string[]> errors)
    {
        if (!message.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors[field] = [$"'{field}' is a JSON object of names and values."];
            return null;
        }

        // A copy: the message outlives the request's JSON document.
        return JsonObject.Create(value.Clone());
    }

    private static DateTime? InstantField(JsonElement message, string field, Dictionary<string, string[]> errors) =>
        message.TryGetProperty(field, out var value) ? Instant(value, field, errors) : null;

    private static DateTime? Instant(JsonElement value, string field, Dictionary<string, string[]> errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            && at.Year is > 1970 and < 3000)
        {
            return at.UtcDateTime;
        }

        errors[field] = [$"'{field}' is an ISO 8601 date and time, such as 2026-05-01T12:00:00Z."];
        return null;
    }
}
