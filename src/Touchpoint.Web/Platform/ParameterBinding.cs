using System.Text.RegularExpressions;

namespace Touchpoint.Web.Platform;

/// <summary>
/// Turns the framework's "Failed to bind parameter" messages for query and route values into a
/// field name and a sentence that says what to send instead.
/// </summary>
internal static partial class ParameterBinding
{
    public sealed record Failure(string Name, string Message);

    public static Failure? Describe(string message)
    {
        var match = BindFailure().Match(message);
        if (!match.Success)
        {
            return null;
        }

        var (type, name, value) = (match.Groups["type"].Value, match.Groups["name"].Value, match.Groups["value"].Value);
        var expected = type switch
        {
            _ when type.Contains("Guid", StringComparison.Ordinal) => "an id (a GUID such as 0196f1a2-7c4e-7a3b-9f10-2b7c1d5e8a90)",
            _ when type.Contains("DateTimeOffset", StringComparison.Ordinal) || type.Contains("DateTime", StringComparison.Ordinal)
                => "an ISO 8601 date and time such as 2026-11-22T10:00:00Z",
            _ when type.Contains("DateOnly", StringComparison.Ordinal) => "a date such as 2026-11-22",
            _ when type.Contains("Int", StringComparison.Ordinal) => "a whole number",
            _ => $"a value of type {type}",
        };
        return new Failure(name, $"'{value}' is not valid for '{name}': send {expected}.");
    }

    [GeneratedRegex("^Failed to bind parameter \"(?<type>[^\"]+) (?<name>[^\" ]+)\" from \"(?<value>.*)\"\\.$")]
    private static partial Regex BindFailure();
}
