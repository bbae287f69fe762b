namespace Touchpoint.Web.Conversations;

/// <summary>Reads an enum the API spells in camelCase ("roundRobin"), adding a field error listing the choices.</summary>
internal static class EnumField
{
    public static T? Read<T>(string? value, string field, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (value is null)
        {
            return null;
        }

        if (!value.Any(char.IsDigit) && Enum.TryParse<T>(value, ignoreCase: true, out var parsed))
        {
            return parsed;
        }

        errors[field] = [$"'{value}' is not one of: {string.Join(", ", Enum.GetValues<T>().Select(JsonNames.Of))}."];
        return null;
    }
}
