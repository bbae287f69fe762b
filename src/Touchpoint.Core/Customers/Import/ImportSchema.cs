namespace Touchpoint.Core.Customers.Import;

/// <summary>
/// The fields one kind of import knows, the header names that map to each by default, and what a
/// column of any other name becomes (a trait of a customer, a property of an event).
/// </summary>
public sealed class ImportSchema
{
    public const string Ignore = "ignore";

    private ImportSchema(string kind, string otherPrefix, Dictionary<string, string> aliases)
    {
        Kind = kind;
        OtherPrefix = otherPrefix;
        Aliases = aliases;
    }

    /// <summary>"customers" or "events".</summary>
    public string Kind { get; }
    /// <summary>"trait" or "property": <c>trait:&lt;key&gt;</c> in a mapping, <c>traits.&lt;key&gt;</c> as a header.</summary>
    public string OtherPrefix { get; }
    /// <summary>Normalized header name → field.</summary>
    public IReadOnlyDictionary<string, string> Aliases { get; }
    public IEnumerable<string> Fields => Aliases.Values.Where(f => f != Ignore).Distinct(StringComparer.Ordinal);

    public static readonly ImportSchema Customers = new("customers", "trait", Table(
        ("externalId", ["externalId", "external_id", "id", "userId", "customerId"]),
        ("email", ["email", "emailAddress", "e-mail"]),
        ("phone", ["phone", "phoneNumber", "mobile"]),
        ("name", ["name", "fullName"]),
        ("country", ["country", "countryCode"]),
        ("region", ["region", "state", "province"]),
        ("city", ["city"]),
        ("latitude", ["latitude", "lat"]),
        ("longitude", ["longitude", "lng", "lon"]),
        ("timezone", ["timezone", "timeZone", "tz"]),
        ("lifecycleStage", ["lifecycleStage", "lifecycle", "stage"]),
        ("consent.email", ["consent.email", "consent_email"]),
        ("consent.sms", ["consent.sms", "consent_sms"]),
        ("consent.surveys", ["consent.surveys", "consent_surveys"]),
        ("consent.tracking", ["consent.tracking", "consent_tracking"]),
        // Columns an export adds that describe the stored row rather than the customer.
        (Ignore, ["touchpointId", "createdAt", "updatedAt", "lastSeenAt"])));

    public static readonly ImportSchema Events = new("events", "property", Table(
        ("userId", ["userId", "externalId", "external_id", "customerId"]),
        ("email", ["email", "emailAddress"]),
        ("event", ["event", "eventName", "name"]),
        ("timestamp", ["timestamp", "occurredAt", "time", "date"]),
        ("type", ["type"]),
        ("messageId", ["messageId", "message_id"]),
        ("source", ["source"]),
        ("channel", ["channel"]),
        ("properties", ["properties"]),
        (Ignore, ["receivedAt"])));

    /// <summary>The field a header or field name stands for, if any: case, spaces, dashes, dots and underscores do not matter.</summary>
    public string? FieldFor(string name) => Aliases.GetValueOrDefault(Normalize(name));

    public static string Normalize(string name) =>
        new([.. name.Where(c => c is not (' ' or '_' or '-' or '.')).Select(char.ToLowerInvariant)]);

    private static Dictionary<string, string> Table(params (string Field, string[] Names)[] fields)
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, names) in fields)
        {
            foreach (var name in names)
            {
                table[Normalize(name)] = field;
            }
        }

        return table;
    }
}
