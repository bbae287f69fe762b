namespace Touchpoint.Core.Analytics;

/// <summary>Whether two scores differ by more than chance would explain.</summary>
/// <param name="Difference">Second minus first, in the metric's units (NPS points, CSAT percentage points, CES points).</param>
/// <param name="PValue">Two-sided; null when either score is not reportable (too few answers).</param>
public sealed record SignificanceResult(double? Difference, double? PValue, bool IsSignificant);

/// <summary>
/// A two-sided z-test on the difference of two independent scores. Each score's standard error is its
/// 95% margin / 1.96 (so NPS uses the per-respondent variance (p + d) - (p - d)^2, CSAT p(1 - p), CES the
/// sample variance), SE(diff) = sqrt(SE1^2 + SE2^2), z = diff / SE(diff), p = 2 (1 - Phi(|z|)).
/// Only p below <see cref="Alpha"/> counts as a real difference, and never when either side has too few answers.
/// </summary>
public static class Significance
{
    public const double Alpha = 0.05;

    public static SignificanceResult Compare(MetricScore first, MetricScore second)
    {
        if (first.Score is not { } a || second.Score is not { } b || first.MarginOfError is not { } ma || second.MarginOfError is not { } mb)
        {
            return new SignificanceResult(null, null, false);
        }

        var difference = b - a;
        var standardError = Math.Sqrt(Math.Pow(ma / ScoreCalculator.Z95, 2) + Math.Pow(mb / ScoreCalculator.Z95, 2));
        if (standardError == 0)
        {
            // Both sides unanimous: no spread to test against. Equal scores are the same; different ones cannot be chance.
            return new SignificanceResult(difference, difference == 0 ? 1 : 0, difference != 0);
        }

        var z = Math.Abs(difference) / standardError;
        var p = 2 * (1 - MathNet.Numerics.Distributions.Normal.CDF(0, 1, z));
        return new SignificanceResult(difference, p, p < Alpha);
    }
}
