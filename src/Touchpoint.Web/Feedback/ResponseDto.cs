using System.Text.Json;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;
using Touchpoint.Web.Text;

namespace Touchpoint.Web.Feedback;

/// <summary>A response as the REST API shows it: the headline columns first, then every answer and the context it was given in.</summary>
internal sealed record ResponseDto(long Id, Guid SurveyId, SurveyMetric Metric, int? Score, string? Comment, Guid? CustomerId,
    Guid? TouchPointId, Channel? Channel, DateTime SubmittedAt)
{
    public int Version { get; init; }
    public string Status { get; init; } = "completed";
    /// <summary>Question id to answer, hidden fields included.</summary>
    public JsonElement Answers { get; init; }
    public Guid? JourneyStageId { get; init; }
    public Guid? InvitationId { get; init; }
    public string? Agent { get; init; }
    public string? OrderId { get; init; }
    public Guid? ConversationId { get; init; }
    public string? Language { get; init; }
    public string? Device { get; init; }
    public DateTime StartedAt { get; init; }
    public int? DurationSeconds { get; init; }
    public string? CurrentPage { get; init; }
    /// <summary>What the analyser found in each free-text answer, by question id (empty until completed, or without text).</summary>
    public IReadOnlyDictionary<string, TextAnalysisDto> Analysis { get; init; } = new Dictionary<string, TextAnalysisDto>();

    public static ResponseDto From(Response r) =>
        new(r.Id, r.SurveyId, r.Metric, r.Score, r.Comment, r.CustomerId, r.TouchPointId, r.Channel, r.SubmittedAt)
        {
            Version = r.Version,
            Status = StatusName(r.Status),
            Answers = ReadAnswers(r.Answers),
            JourneyStageId = r.JourneyStageId,
            InvitationId = r.InvitationId,
            Agent = r.Agent,
            OrderId = r.OrderId,
            ConversationId = r.ConversationId,
            Language = r.Language,
            Device = r.Device,
            StartedAt = r.StartedAt,
            DurationSeconds = r.DurationSeconds,
            CurrentPage = r.Status == ResponseStatus.InProgress ? r.CurrentPage : null,
        };

    public static string StatusName(ResponseStatus status) => status == ResponseStatus.Completed ? "completed" : "inProgress";

    public static bool TryParseStatus(string? text, out ResponseStatus status)
    {
        status = ResponseStatus.Completed;
        switch (text)
        {
            case "completed":
                return true;
            case "inProgress":
                status = ResponseStatus.InProgress;
                return true;
            default:
                return false;
        }
    }

    private static JsonElement ReadAnswers(string json)
    {
        using var document = JsonDocument.Parse(string.IsNullOrEmpty(json) ? "{}" : json);
        return document.RootElement.Clone();
    }
}

/// <summary>
/// The body of POST /api/v1/surveys/{id}/responses: a complete response sent server-side.
/// <see cref="Answers"/> maps question ids to answers; the older <see cref="Score"/> and
/// <see cref="Comment"/> fill the headline question and the first text question instead.
/// </summary>
internal sealed record SubmitResponseRequest(int? Score, string? Comment, Guid? CustomerId, string? CustomerExternalId,
    Channel? Channel, DateTime? SubmittedAt, System.Text.Json.Nodes.JsonObject? Answers = null, string? InvitationToken = null,
    Guid? TouchPointId = null, string? Agent = null, string? OrderId = null, Guid? ConversationId = null, string? Language = null);
