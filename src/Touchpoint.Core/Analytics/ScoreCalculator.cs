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
        metric switch
        {
            SurveyMetric.Nps => Nps(scores, minimumAnswers),
            SurveyMetric.Csat => Csat(scores, minimumAnswers),
            SurveyMetric.Ces => Ces(scores, minimumAnswers),
            _ => throw new ArgumentOutOfRangeException(nameof(metric)),
        };

    /// <summary>
    /// NPS = 100 x (p - d), p and d the shares of promoters (9-10) and detractors (0-6). Each answer
    /// scores +1, 0 or -1, so its variance is (p + d) - (p - d)^2 and the margin is
    /// 1.96 x 100 x sqrt(variance / n).
    /// </summary>
    public static MetricScore Nps(IReadOnlyCollection<int> scores, int minimumAnswers = DefaultMinimumAnswers)
    {
        var promoters = scores.Count(s => s >= 9);
        var detractors = scores.Count(s => s <= 6);
        var passives = scores.Count - promoters - detractors;
        var breakdown = new MetricBreakdown(promoters, passives, detractors);
        var n = scores.Count;
        if (n < Math.Max(1, minimumAnswers))
        {
            return new MetricScore(SurveyMetric.Nps, n, null, null, breakdown);
        }

        double p = (double)promoters / n, d = (double)detractors / n;
        var variance = (p + d) - ((p - d) * (p - d));
        return new MetricScore(SurveyMetric.Nps, n, 100 * (p - d), Z95 * 100 * Math.Sqrt(variance / n), breakdown);
    }

    /// <summary>CSAT = share of answers 4 or 5 on 1-5, in percent; margin from the binomial variance p(1 - p).</summary>
    public static MetricScore Csat(IReadOnlyCollection<int> scores, int minimumAnswers = DefaultMinimumAnswers)
    {
        var satisfied = scores.Count(s => s >= 4);
        var neutral = scores.Count(s => s == 3);
        var breakdown = new MetricBreakdown(satisfied, neutral, scores.Count - satisfied - neutral);
        var n = scores.Count;
        if (n < Math.Max(1, minimumAnswers))
        {
            return new MetricScore(SurveyMetric.Csat, n, null, null, breakdown);
        }

        var p = (double)satisfied / n;
        return new MetricScore(SurveyMetric.Csat, n, 100 * p, Z95 * 100 * Math.Sqrt(p * (1 - p) / n), breakdown);
    }

    /// <summary>CES = mean agreement on 1-7 (7 = easy); margin from the sample standard deviation.</summary>
    public static MetricScore Ces(IReadOnlyCollection<int> scores, int minimumAnswers = DefaultMinimumAnswers)
    {
        var easy = scores.Count(s => s >= 5);
        var difficult = scores.Count(s => s <= 3);
        var breakdown = new MetricBreakdown(easy, scores.Count - easy - difficult, difficult);
        var n = scores.Count;
        if (n < Math.Max(1, minimumAnswers))
        {
            return new MetricScore(SurveyMetric.Ces, n, null, null, breakdown);
        }

        var mean = scores.Average();
        var sampleVariance = n > 1 ? scores.Sum(s => (s - mean) * (s - mean)) / (n - 1) : 0;
        return new MetricScore(SurveyMetric.Ces, n, mean, Z95 * Math.Sqrt(sampleVariance / n), breakdown);
    }
}
