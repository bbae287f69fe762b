using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Feedback;

/// <summary>
/// The bands people filter answers by, as docs/metrics.md defines them: NPS promoters 9-10, passives
/// 7-8, detractors 0-6; CSAT satisfied 4-5, neutral 3, dissatisfied 1-2; CES easy 5-7, neutral 4,
/// difficult 1-3.
/// </summary>
public static class ScoreBand
{
    public static readonly IReadOnlyList<string> All = ["promoter", "passive", "detractor", "satisfied", "neutral", "dissatisfied", "easy", "difficult"];

    public static bool IsKnown(string? band) => band is not null && All.Contains(band);

    /// <summary>Responses in <paramref name="band"/>; an unknown band matches nothing.</summary>
    public static IQueryable<Response> Filter(IQueryable<Response> query, string band) => band switch
    {
        "promoter" => query.Where(r => r.Metric == SurveyMetric.Nps && r.Score >= 9),
        "passive" => query.Where(r => r.Metric == SurveyMetric.Nps && r.Score >= 7 && r.Score <= 8),
        "detractor" => query.Where(r => r.Metric == SurveyMetric.Nps && r.Score <= 6),
        "satisfied" => query.Where(r => r.Metric == SurveyMetric.Csat && r.Score >= 4),
        "dissatisfied" => query.Where(r => r.Metric == SurveyMetric.Csat && r.Score <= 2),
        "easy" => query.Where(r => r.Metric == SurveyMetric.Ces && r.Score >= 5),
        "difficult" => query.Where(r => r.Metric == SurveyMetric.Ces && r.Score <= 3),
        "neutral" => query.Where(r => (r.Metric == SurveyMetric.Csat && r.Score == 3) || (r.Metric == SurveyMetric.Ces && r.Score == 4)),
        _ => query.Where(r => false),
    };
}
