using Touchpoint.Core.Analytics;

namespace Touchpoint.Core.Journeys.Analytics;

/// <summary>The trend of a touch point: its score now against the previous period.</summary>
public static class ScoreChanges
{
    /// <summary>
    /// Difference now - before when both are reportable. Two independent samples: standard errors
    /// se = margin / 1.96, z = difference / sqrt(se_before^2 + se_now^2), two-sided p = 2 (1 - Phi(|z|)),
    /// significant only at p &lt; 0.05.
    /// </summary>
    public static ScoreChange Between(MetricScore before, MetricScore now)
    {
        if (before is not { Score: { } b, MarginOfError: { } mb } || now is not { Score: { } a, MarginOfError: { } ma })
        {
            return ScoreChange.None;
        }

        var se = Math.Sqrt(Math.Pow(mb / ScoreCalculator.Z95, 2) + Math.Pow(ma / ScoreCalculator.Z95, 2));
        var difference = a - b;
        if (se == 0)
        {
            return new ScoreChange(difference, difference == 0 ? 1 : 0, difference != 0);
        }

        var p = 2 * (1 - NormalCdf(Math.Abs(difference / se)));
        return new ScoreChange(difference, p, p < 0.05);
    }

    /// <summary>Phi(x) by the Abramowitz-Stegun 7.1.26 approximation of erf (error below 1.5e-7).</summary>
    private static double NormalCdf(double x)
    {
        var t = 1 / (1 + (0.3275911 * Math.Abs(x) / Math.Sqrt(2)));
        var erf = 1 - ((((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t) - 0.284496736) * t) + 0.254829592) * t
            * Math.Exp(-x * x / 2);
        return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }
}
