using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;

namespace Touchpoint.Core.Customers;

/// <summary>
/// Merges incoming traits (from identify, the REST API or an import) into a profile. Well-known
/// Segment traits also fill the profile's own fields: email, phone, name (or firstName + lastName),
/// address.country/state/city (or country/region/city), latitude/longitude (or location.*),
/// timezone, and consent.{email,sms,surveys,tracking}. A null value removes a trait.
/// </summary>
public static class ProfileTraits
{
    public const int MaxTraitsJson = 32 * 1024;

    /// <summary>Applies <paramref name="incoming"/> and returns what was wrong with it (field → message); bad typed values are not applied.</summary>
    public static Dictionary<string, string[]> Apply(Customer customer, JsonObject incoming)
    {
        var errors = new Dictionary<string, string[]>();
        var traits = JsonNode.Parse(customer.Traits) as JsonObject ?? [];
        foreach (var (key, value) in incoming)
        {
            if (key.Length is 0 or > 64)
            {
                errors[$"traits.{Short(key)}"] = ["Trait names are 1 to 64 characters."];
                continue;
            }

            if (value is null)
            {
                traits.Remove(key);
            }
            else
            {
                traits[key] = value.DeepClone();
            }
        }

        var json = traits.ToJsonString();
        if (json.Length > MaxTraitsJson)
        {
            errors["traits"] = [$"A profile's traits must stay under {MaxTraitsJson / 1024} KB of JSON."];
            return errors;
        }

        customer.Traits = json;
        ApplyWellKnown(customer, incoming, errors);
        return errors;
    }

    /// <summary>Brings the customer's <see cref="CustomerTrait"/> rows in line with its traits: unchanged rows stay.</summary>
    public static Task SyncIndexAsync(TouchpointDbContext db, Customer customer, bool isNew, CancellationToken ct = default) =>
        isNew ? SyncIndexAsync(db, [], [customer], ct) : SyncIndexAsync(db, [customer], [], ct);

    /// <summary>The same for a batch (an import): the existing rows of all <paramref name="existing"/> customers are read in one query.</summary>
    public static async Task SyncIndexAsync(TouchpointDbContext db, IReadOnlyCollection<Customer> existing, IEnumerable<Customer> created,
        CancellationToken ct = default)
    {
        foreach (var customer in created)
        {
            db.CustomerTraits.AddRange(TraitIndex.Rows(customer));
        }

        if (existing.Count == 0)
        {
            return;
        }

        var ids = existing.Select(c => c.Id).ToList();
        var stored = (await db.CustomerTraits.Where(t => ids.Contains(t.CustomerId)).ToListAsync(ct)).ToLookup(t => t.CustomerId);
        foreach (var customer in existing)
        {
            var wanted = TraitIndex.Rows(customer);
            var keep = new HashSet<(string, string?, double?)>(wanted.Select(Identity));
            db.CustomerTraits.RemoveRange(stored[customer.Id].Where(row => !keep.Contains(Identity(row))));
            var have = new HashSet<(string, string?, double?)>(stored[customer.Id].Select(Identity));
            db.CustomerTraits.AddRange(wanted.Where(row => !have.Contains(Identity(row))));
        }
    }

    private static (string, string?, double?) Identity(CustomerTrait row) => (row.Key, row.Text, row.Number);

    private static void ApplyWellKnown(Customer customer, JsonObject t, Dictionary<string, string[]> errors)
    {
        if (Text(t, "email", 256, errors) is { } email)
        {
            if (email.Contains('@', StringComparison.Ordinal))
            {
                customer.Email = email.Trim().ToLowerInvariant();
            }
            else
            {
                errors["traits.email"] = ["This is not an email address."];
            }
        }

        if (Text(t, "phone", 32, errors) is { } phone)
        {
            customer.Phone = phone.Trim();
        }

        if (Text(t, "name", 200, errors) is { } name)
        {
            customer.Name = name.Trim();
        }
        else if (Text(t, "firstName", 100, errors) is { } first)
        {
            customer.Name = $"{first} {Text(t, "lastName", 100, errors)}".Trim();
        }

        var address = t["address"] as JsonObject;
        if ((Text(address, "country", 100, errors) ?? Text(t, "country", 100, errors)) is { } country)
        {
            if (country.Trim().Length == 2 && country.Trim().All(char.IsAsciiLetter))
            {
                customer.Country = country.Trim().ToUpperInvariant();
            }
            else
            {
                errors["traits.country"] = ["Give the country as a two-letter ISO 3166 code, such as NL or US."];
            }
        }

        if ((Text(address, "state", 100, errors) ?? Text(t, "region", 100, errors) ?? Text(t, "state", 100, errors)) is { } region)
        {
            customer.Region = region.Trim();
        }

        if ((Text(address, "city", 100, errors) ?? Text(t, "city", 100, errors)) is { } city)
        {
            customer.City = city.Trim();
        }

        if (Text(t, "timezone", 64, errors) is { } zone)
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            {
                customer.TimeZone = zone;
            }
            else
            {
                errors["traits.timezone"] = ["Use an IANA time zone such as Europe/Amsterdam."];
            }
        }

        ApplyCoordinates(customer, t, errors);
        ApplyConsent(customer, t["consent"] as JsonObject, errors);
    }

    private static void ApplyCoordinates(Customer customer, JsonObject t, Dictionary<string, string[]> errors)
    {
        var location = t["location"] as JsonObject;
        var lat = Number(location, "latitude") ?? Number(t, "latitude");
        var lon = Number(location, "longitude") ?? Number(t, "longitude");
        if (lat is null && lon is null)
        {
            return;
        }

        if (lat is not { } latitude || lon is not { } longitude)
        {
            errors["traits.location"] = ["Give both latitude and longitude."];
        }
        else if (latitude is < -90 or > 90 || longitude is < -180 or > 180)
        {
            errors["traits.location"] = ["Latitude is -90 to 90 and longitude -180 to 180."];
        }
        else
        {
            customer.Latitude = latitude;
            customer.Longitude = longitude;
        }
    }

    private static void ApplyConsent(Customer customer, JsonObject? consent, Dictionary<string, string[]> errors)
    {
        if (consent is null)
        {
            return;
        }

        foreach (var (key, value) in consent)
        {
            var kind = value?.GetValueKind() ?? JsonValueKind.Null;
            if (kind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
            {
                errors[$"traits.consent.{Short(key)}"] = ["A consent flag is true, false or null."];
                continue;
            }

            bool? flag = kind == JsonValueKind.Null ? null : kind == JsonValueKind.True;
            switch (key.ToLowerInvariant())
            {
                case "email": customer.Consent.Email = flag; break;
                case "sms": customer.Consent.Sms = flag; break;
                case "surveys": customer.Consent.Surveys = flag; break;
                case "tracking": customer.Consent.Tracking = flag; break;
                default: errors[$"traits.consent.{Short(key)}"] = ["Consent flags are email, sms, surveys and tracking."]; break;
            }
        }
    }

    private static string? Text(JsonObject? o, string key, int max, Dictionary<string, string[]> errors)
    {
        if (o?[key] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }

        var text = value.GetValue<string>();
        if (text.Length > max)
        {
            errors[$"traits.{key}"] = [$"Keep '{key}' under {max} characters."];
            return null;
        }

        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    private static double? Number(JsonObject? o, string key) =>
        o?[key] is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : null;

    private static string Short(string key) => key.Length > 64 ? key[..64] : key;
}
