using System.Text.Json;
using System.Text.Json.Nodes;
using Touchpoint.Core.Journeys;

namespace Touchpoint.Web.Surveys.Distribution;

/// <summary>
/// Reads optional fields of a JSON object and reports each wrong one under its own name
/// (<c>recipients[2].email</c>), so a caller learns every mistake from one answer.
/// </summary>
internal sealed class JsonFields(JsonObject body, string prefix, Dictionary<string, string[]> errors)
{
    private string Name(string field) => prefix.Length == 0 ? field : $"{prefix}.{field}";

    public string? Text(string field, int maxLength)
    {
        var node = body[field];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            errors[Name(field)] = ["Send this as a JSON string."];
            return null;
        }

        var value = node.GetValue<string>().Trim();
        if (value.Length > maxLength)
        {
            errors[Name(field)] = [$"Keep this to {maxLength} characters or fewer."];
            return null;
        }

        return value.Length == 0 ? null : value;
    }

    public Guid? Id(string field)
    {
        var text = Text(field, 64);
        if (text is null)
        {
            return null;
        }

        if (Guid.TryParse(text, out var id))
        {
            return id;
        }

        errors[Name(field)] = ["This is not an id. Use the 'id' the API returned (a GUID)."];
        return null;
    }

    public int? Number(string field, int min, int max)
    {
        var node = body[field];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.Number || !node.AsValue().TryGetValue<int>(out var value) || value < min || value > max)
        {
            errors[Name(field)] = [$"Use a whole number from {min} to {max}."];
            return null;
        }

        return value;
    }

    public Channel? Channel(string field)
    {
        var text = Text(field, 32);
        if (text is null)
        {
            return null;
        }

        if (Enum.TryParse<Channel>(text, ignoreCase: true, out var channel) && !int.TryParse(text, out _))
        {
            return channel;
        }

        errors[Name(field)] = [$"Use one of: {string.Join(", ", Enum.GetNames<Channel>().Select(n => n.ToLowerInvariant()))}."];
        return null;
    }

    /// <summary>A language tag such as "en" or "pt-BR".</summary>
    public string? Language(string field)
    {
        var text = Text(field, 16);
        if (text is not null && !System.Text.RegularExpressions.Regex.IsMatch(text, "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"))
        {
            errors[Name(field)] = ["Use a language tag such as \"en\" or \"pt-BR\"."];
            return null;
        }

        return text;
    }

    /// <summary>Hidden-field values: an object of short strings, for {hidden.ID} and the response.</summary>
    public JsonObject? Hidden(string field)
    {
        var node = body[field];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject values || values.Count > 50
            || values.Any(p => p.Value?.GetValueKind() != JsonValueKind.String || p.Value.GetValue<string>().Length > 500 || p.Key.Length > 80))
        {
            errors[Name(field)] = ["Send an object of at most 50 string values, each up to 500 characters: {\"plan\": \"pro\"}."];
            return null;
        }

        return (JsonObject)values.DeepClone();
    }

    public JsonObject? Object(string field)
    {
        var node = body[field];
        if (node is null or JsonObject)
        {
            return node as JsonObject;
        }

        errors[Name(field)] = ["Send this as a JSON object."];
        return null;
    }
}
