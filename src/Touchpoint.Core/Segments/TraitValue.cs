using System.Globalization;
using System.Text.Json;
using Touchpoint.Core.Customers;

namespace Touchpoint.Core.Segments;

/// <summary>A value in a trait condition, read the way <see cref="TraitIndex"/> stores trait values.</summary>
internal static class TraitValue
{
    public static bool IsScalar(JsonElement value) =>
        value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;

    /// <summary>The text column's form: lower-cased strings, "true"/"false", numbers in invariant culture.</summary>
    public static string AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => TraitIndex.NormalizeText(value.GetString()!),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetDouble().ToString(CultureInfo.InvariantCulture),
        _ => "",
    };

    /// <summary>The number column's form: numbers, and ISO dates as Unix seconds (as the index stores them).</summary>
    public static double? AsNumber(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: >= 10 } text && char.IsDigit(text[0])
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return date.ToUnixTimeSeconds();
        }

        return null;
    }
}

/// <summary>Distances for radius rules, by arithmetic only so that SQLite (which has no trig functions) can compute them.</summary>
public static class RuleGeometry
{
    /// <summary>The equirectangular approximation stays within about 1% up to a few hundred km; beyond this it is refused.</summary>
    public const double MaxKm = 1000;

    /// <summary>Kilometres per degree of latitude on a sphere of the Earth's mean radius (6371 km).</summary>
    public const double KmPerDegree = 6371.0 * Math.PI / 180.0;

    /// <summary>The same distance the query computes, for tests and previews.</summary>
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        var x = (lon2 - lon1) * Math.Cos(lat1 * Math.PI / 180.0);
        var y = lat2 - lat1;
        return Math.Sqrt((x * x) + (y * y)) * KmPerDegree;
    }
}
