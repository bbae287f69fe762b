namespace Touchpoint.Core.Analytics.Rates;

/// <summary>
/// The 95% Wilson score interval of a proportion x/n. Unlike p ± z·√(p(1−p)/n) it stays inside [0, 1] and
/// does not collapse to a width of zero when x is 0 or n, which small survey send-outs often produce:
/// centre = (p + z²/2n) / (1 + z²/n), half-width = z / (1 + z²/n) · √(p(1−p)/n + z²/4n²), z = 1.96.
/// </summary>
public static class WilsonInterval
{
    public const double Z95 = 1.959963984540054;

    public static (double Low, double High) Of(int successes, int n, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, n);
        var p = (double)successes / n;
        var z2 = z * z;
        var denominator = 1 + (z2 / n);
        var centre = (p + (z2 / (2 * n))) / denominator;
        var half = z / denominator * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n)));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
