using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Analytics;

/// <summary>
/// The metric definitions of docs/metrics.md, as pure functions. 95% margins of error use z = 1.96.
/// </summary>
public static class ScoreCalculator
{
    public const double Z95 = 1.96;
    public const int DefaultMinimumAnswers = 10;

    public static MetricScore Compute(SurveyMetric metric, IReadOnlyCollection<int> scores, int minimumAnswers = DefaultMinimumAnswers) =>
        FromTally(metric, ScoreTally.Of(metric, scores), minimumAnswers);

    /// <summary>
    /// The score of a tally: every score is computed from one, so a score read from the daily rollups and the
    /// same score computed from the raw answers are the same number.
    /// </summary>
    public static MetricScore FromTally(SurveyMetric metric, ScoreTally tally, int minimumAnswers = DefaultMinimumAnswers)
    {
        var n = checked((int)tally.N);
        var breakdown = new MetricBreakdown(checked((int)tally.High), checked((int)tally.Middle), checked((int)tally.Low));
        if (n < Math.Max(1, minimumAnswers))
        {
            return new MetricScore(metric, n, null, null, breakdown) { Tally = tally };
        }

        switch (metric)
        {
            case SurveyMetric.Nps:
                {
                    // NPS = 100 x (p - d); each answer scores +1, 0 or -1, so its variance is (p + d) - (p - d)^2
                    // and the margin is 1.96 x 100 x sqrt(variance / n).
                    double p = (double)tally.High / n, d = (double)tally.Low / n;
                    var variance = (p + d) - ((p - d) * (p - d));
                    return new MetricScore(metric, n, 100 * (p - d), Z95 * 100 * Math.Sqrt(variance / n), breakdown) { Tally = tally };
                }

            case SurveyMetric.Csat:
                {
                    // CSAT = share of 4-5 in percent; margin from the binomial variance p(1 - p).
                    var p = (double)tally.High / n;
                    return new MetricScore(metric, n, 100 * p, Z95 * 100 * Math.Sqrt(p * (1 - p) / n), breakdown) { Tally = tally };
                }

            case SurveyMetric.Ces:
                {
                    // CES = mean; sample variance s^2 = (sum(x^2) - sum(x)^2 / n) / (n - 1); margin 1.96 x s / sqrt(n).
                    var mean = (double)tally.Sum / n;
                    var sampleVariance = n > 1 ? Math.Max(0, (tally.SumOfSquares - ((double)tally.Sum * tally.Sum / n)) / (n - 1)) : 0;
                    return new MetricScore(metric, n, mean, Z95 * Math.Sqrt(sampleVariance / n), breakdown) { Tally = tally };
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(metric));
        }
    }

    /// <summary>NPS = 100 x (p - d), p and d the shares of promoters (9-10) and detractors (0-6).</summary>
    public static MetricScore Nps(IReadOnlyCollection<int> scores, int minimumAnswers = DefaultMinimumAnswers) =>
        Compute(SurveyMetric.Nps, scores, minimumAnswers);

    /// <summary>CSAT = share of answers 4 or 5 on 1-5, in percent.</summary>
    public static MetricScore Csat(IReadOnlyCollection<int> scores, int minimumAnswers = DefaultMinimumAnswers) =>
        Compute(SurveyMetric.Csat, scores, minimumAnswers);

    /// <summary>CES = mean agreement on 1-7 (7 = easy).</summary>
    public static MetricScore Ces(IReadOnlyCollection<int> scores, int minimumAnswers = DefaultMinimumAnswers) =>
        Compute(SurveyMetric.Ces, scores, minimumAnswers);
}
