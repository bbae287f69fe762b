using System.Text.Json;

namespace Touchpoint.Web.Cases.Work;

/// <summary>Reads PATCH fields that tell "left out" (stays) from null (clear) apart, with a field error for the wrong type.</summary>
internal static class JsonFields
{
    public static (bool Set, string? Value) Text(JsonElement json, string name, Dictionary<string, string[]> errors)
    {
        if (!json.TryGetProperty(name, out var value))
        {
            return (false, null);
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return (true, null);
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors[name] = [$"'{name}' must be a string."];
            return (false, null);
        }

        return (true, value.GetString());
    }

    public static (bool Set, Guid? Value) Id(JsonElement json, string name, Dictionary<string, string[]> errors)
    {
        if (!json.TryGetProperty(name, out var value))
        {
            return (false, null);
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return (true, null);
        }

        if (value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id))
        {
            return (true, id);
        }

        errors[name] = [$"'{name}' must be an id (a GUID) or null."];
        return (false, null);
    }
}
