using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Analytics;

/// <summary>
/// What a score needs to know about a set of answers, and nothing more: the count, the high/middle/low
/// counts of the metric's bands, and the sum and sum of squares of the scores. Tallies add up, so a
/// score over a year is the sum of its days' tallies (the daily rollups) and equals the score over the raw
/// answers exactly: every field is an integer.
/// </summary>
public readonly record struct ScoreTally(long N, long High, long Middle, long Low, long Sum, long SumOfSquares)
{
    public static ScoreTally Of(SurveyMetric metric, int score) => metric switch
    {
        // NPS: promoters 9-10, passives 7-8, detractors 0-6.
        SurveyMetric.Nps => new(1, score >= 9 ? 1 : 0, score is 7 or 8 ? 1 : 0, score <= 6 ? 1 : 0, score, (long)score * score),
        // CSAT: satisfied 4-5, neutral 3, dissatisfied 1-2.
        SurveyMetric.Csat => new(1, score >= 4 ? 1 : 0, score == 3 ? 1 : 0, score <= 2 ? 1 : 0, score, (long)score * score),
        // CES: easy 5-7, neutral 4, difficult 1-3.
        SurveyMetric.Ces => new(1, score >= 5 ? 1 : 0, score == 4 ? 1 : 0, score <= 3 ? 1 : 0, score, (long)score * score),
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };

    public static ScoreTally Of(SurveyMetric metric, IEnumerable<int> scores)
    {
        var tally = default(ScoreTally);
        foreach (var score in scores)
        {
            tally += Of(metric, score);
        }

        return tally;
    }

    public static ScoreTally operator +(ScoreTally a, ScoreTally b) =>
        new(a.N + b.N, a.High + b.High, a.Middle + b.Middle, a.Low + b.Low, a.Sum + b.Sum, a.SumOfSquares + b.SumOfSquares);

    public static ScoreTally operator -(ScoreTally a, ScoreTally b) =>
        new(a.N - b.N, a.High - b.High, a.Middle - b.Middle, a.Low - b.Low, a.Sum - b.Sum, a.SumOfSquares - b.SumOfSquares);

    /// <summary><paramref name="count"/> answers alike: what a GROUP BY score's count stands for.</summary>
    public ScoreTally Times(long count) => new(N * count, High * count, Middle * count, Low * count, Sum * count, SumOfSquares * count);

    public ScoreTally Add(ScoreTally other) => this + other;

    public ScoreTally Subtract(ScoreTally other) => this - other;
}
