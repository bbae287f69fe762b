using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Touchpoint.Core.Customers;

/// <summary>
/// A JSON merge patch (RFC 7396) of a profile, as the REST API and the profile page send it: a field
/// that is present is set, <c>null</c> clears it, a field that is absent is left alone. Traits merge
/// key by key through <see cref="ProfileTraits.Apply"/>. Every problem is reported at once, keyed by
/// the field's JSON name; the caller saves nothing when there is one.
/// </summary>
public static class CustomerPatch
{
    private static readonly string[] Known =
    [
        "externalId", "email", "phone", "name", "traits", "consent", "lifecycleStage",
        "country", "region", "city", "latitude", "longitude", "timeZone",
    ];

    public sealed record Outcome(Dictionary<string, string[]> Errors, List<string> Changed);

    public static Outcome Apply(Customer customer, JsonObject patch)
    {
        var errors = new Dictionary<string, string[]>();
        var changed = new List<string>();
        foreach (var (field, value) in patch)
        {
            if (!Known.Contains(field, StringComparer.Ordinal))
            {
                errors[Short(field)] = [$"Unknown field. Profiles take {string.Join(", ", Known)}."];
                continue;
            }

            if (ApplyField(customer, field, value, errors))
            {
                changed.Add(field);
            }
        }

        return new Outcome(errors, changed);
    }

    private static bool ApplyField(Customer customer, string field, JsonNode? value, Dictionary<string, string[]> errors)
    {
        switch (field)
        {
            case "externalId":
                return SetText(value, field, 200, errors, v => customer.ExternalId = v?.Trim());
            case "email":
                return SetText(value, field, 256, errors, v => customer.Email = v?.Trim().ToLowerInvariant(), IsEmail,
                    "This is not an email address: use name@example.com.");
            case "phone":
                return SetText(value, field, 32, errors, v => customer.Phone = v?.Trim());
            case "name":
                return SetText(value, field, 200, errors, v => customer.Name = v?.Trim());
            case "region":
                return SetText(value, field, 100, errors, v => customer.Region = v?.Trim());
            case "city":
                return SetText(value, field, 100, errors, v => customer.City = v?.Trim());
            case "country":
                return SetText(value, field, 2, errors, v => customer.Country = v?.ToUpperInvariant(),
                    v => v.Length == 2 && v.All(char.IsAsciiLetter), "Give the country as a two-letter ISO 3166 code, such as NL or US.");
            case "timeZone":
                return SetText(value, field, 64, errors, v => customer.TimeZone = v,
                    v => TimeZoneInfo.TryFindSystemTimeZoneById(v, out _), "Use an IANA time zone such as Europe/Amsterdam.");
            case "latitude":
                return SetNumber(value, field, 90, errors, v => customer.Latitude = v);
            case "longitude":
                return SetNumber(value, field, 180, errors, v => customer.Longitude = v);
            case "traits":
                return ApplyTraits(customer, value, errors);
            case "consent":
                return ApplyConsent(customer, value, errors);
            default:
                return ApplyLifecycle(customer, value, errors);
        }
    }

    private static bool ApplyTraits(Customer customer, JsonNode? value, Dictionary<string, string[]> errors)
    {
        if (value is not JsonObject traits)
        {
            errors["traits"] = ["Send traits as a JSON object; a trait set to null is removed."];
            return false;
        }

        foreach (var (key, messages) in ProfileTraits.Apply(customer, traits))
        {
            errors[key] = messages;
        }

        return true;
    }

    private static bool ApplyConsent(Customer customer, JsonNode? value, Dictionary<string, string[]> errors)
    {
        if (value is not JsonObject flags)
        {
            errors["consent"] = ["Send consent as an object such as {\"email\": true, \"sms\": false}."];
            return false;
        }

        foreach (var (key, flag) in flags)
        {
            var kind = flag?.GetValueKind() ?? JsonValueKind.Null;
            if (kind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
            {
                errors[$"consent.{Short(key)}"] = ["A consent flag is true, false or null (not asked)."];
                continue;
            }

            bool? given = kind == JsonValueKind.Null ? null : kind == JsonValueKind.True;
            switch (key)
            {
                case "email": customer.Consent.Email = given; break;
                case "sms": customer.Consent.Sms = given; break;
                case "surveys": customer.Consent.Surveys = given; break;
                case "tracking": customer.Consent.Tracking = given; break;
                default: errors[$"consent.{Short(key)}"] = ["Consent flags are email, sms, surveys and tracking."]; break;
            }
        }

        return true;
    }

    /// <summary>A stage sets it by hand; null hands the stage back to the lifecycle rules.</summary>
    private static bool ApplyLifecycle(Customer customer, JsonNode? value, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            customer.LifecycleSetManually = false;
            return true;
        }

        if (value.GetValueKind() != JsonValueKind.String || ParseStage(value.GetValue<string>()) is not { } stage)
        {
            errors["lifecycleStage"] = [$"Use one of {StageNames} (or null to let the lifecycle rules decide)."];
            return false;
        }

        customer.LifecycleStage = stage;
        customer.LifecycleSetManually = true;
        return true;
    }

    public static string StageNames { get; } =
        string.Join(", ", Enum.GetNames<LifecycleStage>().Select(n => n.ToLowerInvariant()));

    /// <summary>A stage by its name, any case; numbers are not names.</summary>
    public static LifecycleStage? ParseStage(string? text) =>
        !string.IsNullOrWhiteSpace(text) && char.IsAsciiLetter(text.Trim()[0])
        && Enum.TryParse<LifecycleStage>(text.Trim(), ignoreCase: true, out var stage) ? stage : null;

    public static bool IsEmail(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < text.Length - 1 && at == text.LastIndexOf('@') && !text.Any(char.IsWhiteSpace);
    }

    private static bool SetText(JsonNode? value, string field, int max, Dictionary<string, string[]> errors, Action<string?> set,
        Func<string, bool>? valid = null, string? invalidMessage = null)
    {
        if (value is null)
        {
            set(null);
            return true;
        }

        if (value.GetValueKind() != JsonValueKind.String)
        {
            errors[field] = [$"Send '{field}' as text, or null to clear it."];
            return false;
        }

        var text = value.GetValue<string>().Trim();
        if (text.Length > max)
        {
            errors[field] = [$"Keep '{field}' to {max} characters or fewer."];
            return false;
        }

        if (text.Length == 0)
        {
            set(null);
            return true;
        }

        if (valid is not null && !valid(text))
        {
            errors[field] = [invalidMessage!];
            return false;
        }

        set(text);
        return true;
    }

    private static bool SetNumber(JsonNode? value, string field, double limit, Dictionary<string, string[]> errors, Action<double?> set)
    {
        if (value is null)
        {
            set(null);
            return true;
        }

        var number = value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : double.NaN;
        if (double.IsNaN(number) || Math.Abs(number) > limit)
        {
            errors[field] = [string.Create(CultureInfo.InvariantCulture, $"Send '{field}' as a number from -{limit} to {limit}, or null.")];
            return false;
        }

        set(number);
        return true;
    }

    private static string Short(string key) => key.Length > 64 ? key[..64] : key;
}
