namespace Touchpoint.Core.Analytics.Rollups;

/// <summary>The dimensions kept in the daily rollups, by the name stored in <see cref="MetricRollup.Dimension"/>.</summary>
public static class RollupDimensions
{
    public const string Total = "total";

    /// <summary>Every dimension is rolled up: each is a property of the response, its snapshot, its conversation or its analysis.</summary>
    public static IReadOnlyList<Dimension> RolledUp { get; } = Enum.GetValues<Dimension>();

    public static string Name(Dimension dimension) => dimension.ToString().ToLowerInvariant();
}
