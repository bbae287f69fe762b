using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Surveys.Definition;

namespace Touchpoint.Core.Analytics.Rates;

/// <summary>
/// The means of a survey's rating questions (all but its headline score) over the completed answers a
/// <see cref="MetricQuery"/> selects: the period and the same filters as the metrics (<see cref="MetricAnswers.Filter"/>),
/// except that the headline question need not be answered. Answers are read from the JSON of each response, so
/// this reads the period's answers of one survey rather than a rollup.
/// </summary>
public static class RatingMeans
{
    public static async Task<IReadOnlyList<RatingSummary>> ComputeAsync(TouchpointDbContext db, Survey survey, MetricQuery query, int minimumAnswers,
        CancellationToken ct)
    {
        SurveyDefinition definition;
        try
        {
            definition = survey.ReadDefinition();
        }
        catch (JsonException)
        {
            // A definition that cannot be read asks nothing the page could name; the survey's other figures still show.
            return [];
        }

        var items = RatingItem.Of(definition);
        if (items.Count == 0)
        {
            return [];
        }

        var completed = db.Responses.AsNoTracking().Where(r => r.SurveyId == survey.Id && r.Status == ResponseStatus.Completed
            && r.SubmittedAt >= query.From && r.SubmittedAt < query.To);
        var answers = await MetricAnswers.Filter(db, completed, query with { SurveyId = survey.Id }).Select(r => r.Answers).ToListAsync(ct);
        var scores = items.Select(_ => new List<int>()).ToList();
        foreach (var json in answers)
        {
            if (Parse(json) is not JsonObject answer)
            {
                continue;
            }

            for (var i = 0; i < items.Count; i++)
            {
                if (items[i].ScoreIn(answer, definition.Find(items[i].QuestionId)!) is { } score)
                {
                    scores[i].Add(score);
                }
            }
        }

        return items.Select((item, i) => new RatingSummary(item, MeanEstimate.Of(scores[i], minimumAnswers),
            Enumerable.Range(item.Min, item.Max - item.Min + 1).Select(v => scores[i].Count(s => s == v)).ToList())).ToList();
    }

    private static JsonNode? Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
