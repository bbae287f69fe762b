using Touchpoint.Core.Text.Storage;

namespace Touchpoint.Core.Analytics.Rollups;

/// <summary>
/// The rollup rows that hold exactly the answers a query's filters keep: the total when it has none, one
/// dimension's key when it has one filter on a rolled-up dimension with the same meaning. Null for anything
/// else ("combined filters", a trait, a topic filter, which also keeps sub-topics): those read raw rows.
/// </summary>
public sealed record RollupSlice(string Dimension, string? Key)
{
    public static RollupSlice? Of(MetricQuery query)
    {
        if (query.Trait is not null)
        {
            return null;
        }

        var filters = new List<RollupSlice>();
        void Add(Dimension dimension, string? key)
        {
            if (key is not null)
            {
                filters.Add(new RollupSlice(RollupDimensions.Name(dimension), key));
            }
        }

        Add(Analytics.Dimension.Survey, query.SurveyId?.ToString("D"));
        Add(Analytics.Dimension.TouchPoint, query.TouchPointId?.ToString("D"));
        Add(Analytics.Dimension.Channel, query.Channel?.ToString().ToLowerInvariant());
        Add(Analytics.Dimension.Segment, query.SegmentId?.ToString("D"));
        Add(Analytics.Dimension.Persona, query.PersonaId?.ToString("D"));
        Add(Analytics.Dimension.Stage, query.StageId?.ToString("D"));
        Add(Analytics.Dimension.Agent, query.Agent);
        Add(Analytics.Dimension.Team, query.TeamId?.ToString("D"));
        Add(Analytics.Dimension.Language, query.Language);
        if (query.Text is { IsEmpty: false } text)
        {
            if (text != new ResponseTextFilter(Sentiment: text.Sentiment) || text.Sentiment is null)
            {
                return null;
            }

            Add(Analytics.Dimension.Sentiment, text.Sentiment);
        }

        return filters.Count switch
        {
            0 => new RollupSlice(RollupDimensions.Total, ""),
            1 => filters[0],
            _ => null,
        };
    }
}
