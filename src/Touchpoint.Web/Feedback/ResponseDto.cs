using Touchpoint.Core.Feedback;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Web.Feedback;

/// <summary>A response as the REST API shows it.</summary>
internal sealed record ResponseDto(long Id, Guid SurveyId, SurveyMetric Metric, int? Score, string? Comment, Guid? CustomerId,
    Guid? TouchPointId, Channel? Channel, DateTime SubmittedAt)
{
    public static ResponseDto From(Response r) =>
        new(r.Id, r.SurveyId, r.Metric, r.Score, r.Comment, r.CustomerId, r.TouchPointId, r.Channel, r.SubmittedAt);
}

/// <summary>
/// The body of POST /api/v1/surveys/{id}/responses: a complete response sent server-side.
/// <see cref="Answers"/> maps question ids to answers; the older <see cref="Score"/> and
/// <see cref="Comment"/> fill the headline question and the first text question instead.
/// </summary>
internal sealed record SubmitResponseRequest(int? Score, string? Comment, Guid? CustomerId, string? CustomerExternalId,
    Channel? Channel, DateTime? SubmittedAt, System.Text.Json.Nodes.JsonObject? Answers = null, string? InvitationToken = null,
    Guid? TouchPointId = null, string? Agent = null, string? OrderId = null, Guid? ConversationId = null, string? Language = null);
