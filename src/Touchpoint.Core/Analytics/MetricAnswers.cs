using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;

namespace Touchpoint.Core.Analytics;

/// <summary>
/// The one definition of which raw responses a <see cref="MetricQuery"/> covers, shared by the scores,
/// the breakdowns and the drill-down to the responses behind a number.
/// </summary>
public static class MetricAnswers
{
    public static IQueryable<Response> Apply(TouchpointDbContext db, MetricQuery query) =>
        Filter(db, db.Responses
            .Where(r => r.Metric == query.Metric && r.Score != null && r.Status == ResponseStatus.Completed
                && r.SubmittedAt >= query.From && r.SubmittedAt < query.To), query);

    /// <summary>
    /// Every filter of <paramref name="query"/> but the metric, the headline score and the period, over
    /// <paramref name="responses"/>: the rating means use it for answers whose headline question may be unanswered.
    /// </summary>
    public static IQueryable<Response> Filter(TouchpointDbContext db, IQueryable<Response> responses, MetricQuery query)
    {
        if (query.SurveyId is { } surveyId)
        {
            responses = responses.Where(r => r.SurveyId == surveyId);
        }

        if (query.TouchPointId is { } touchPointId)
        {
            responses = responses.Where(r => r.TouchPointId == touchPointId);
        }

        if (query.Channel is { } channel)
        {
            responses = responses.Where(r => r.Channel == channel);
        }

        // Segments are read from the snapshot (who the customer was when they answered), as the breakdown
        // and the rollups read them: the id in quotes, and not as the persona.
        if (query.SegmentId is { } segmentId)
        {
            var quoted = $"\"{segmentId:D}\"";
            var asPersona = $"\"persona\":\"{segmentId:D}\"";
            responses = responses.Where(r => r.Snapshot != null && r.Snapshot.Contains(quoted) && !r.Snapshot.Contains(asPersona));
        }

        if (query.StageId is { } stageId)
        {
            var pointsInStage = db.TouchPoints.Where(t => t.StageId == stageId).Select(t => (Guid?)t.Id);
            responses = responses.Where(r => r.JourneyStageId == stageId || (r.JourneyStageId == null && pointsInStage.Contains(r.TouchPointId)));
        }

        if (query.Agent is { } agent)
        {
            responses = responses.Where(r => r.Agent == agent);
        }

        if (query.TeamId is { } teamId)
        {
            var conversations = db.Conversations.Where(c => c.TeamId == teamId).Select(c => (Guid?)c.Id);
            responses = responses.Where(r => conversations.Contains(r.ConversationId));
        }

        if (query.Language is { } language)
        {
            responses = responses.Where(r => r.Language == language);
        }

        // The snapshot is JSON text written by ResponseSnapshot: ids in their "D" form, keys in ordinal order.
        if (query.PersonaId is { } personaId)
        {
            var needle = $"\"persona\":\"{personaId:D}\"";
            responses = responses.Where(r => r.Snapshot != null && r.Snapshot.Contains(needle));
        }

        if (query.Trait is { } trait)
        {
            var needle = $"\"{trait.Key}\":{System.Text.Json.JsonSerializer.Serialize(trait.Value)}";
            responses = responses.Where(r => r.Snapshot != null && r.Snapshot.Contains(needle));
        }

        if (query.Text is { IsEmpty: false } text)
        {
            responses = text.Apply(responses, db);
        }

        return responses;
    }
}
