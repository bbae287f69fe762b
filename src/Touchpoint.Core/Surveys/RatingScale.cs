namespace Touchpoint.Core.Surveys;

/// <summary>The answer range of each metric's rating question and the words at its ends.</summary>
public sealed record RatingScale(int Min, int Max, string MinLabel, string MaxLabel)
{
    public static RatingScale For(SurveyMetric metric) => metric switch
    {
        SurveyMetric.Nps => new(0, 10, "Not at all likely", "Extremely likely"),
        SurveyMetric.Csat => new(1, 5, "Very dissatisfied", "Very satisfied"),
        SurveyMetric.Ces => new(1, 7, "Strongly disagree", "Strongly agree"),
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };

    public bool Contains(int score) => score >= Min && score <= Max;

    public IEnumerable<int> Values => Enumerable.Range(Min, Max - Min + 1);
}
