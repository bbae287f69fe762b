namespace Touchpoint.Core.Surveys;

/// <summary>The experience metric a survey's rating question measures (definitions in docs/metrics.md).</summary>
public enum SurveyMetric
{
    /// <summary>Net Promoter Score: 0-10 likelihood to recommend.</summary>
    Nps,
    /// <summary>Customer satisfaction: 1-5, reported as the share answering 4 or 5.</summary>
    Csat,
    /// <summary>Customer effort: 1-7 agreement that the company made it easy, reported as the mean.</summary>
    Ces,
}
