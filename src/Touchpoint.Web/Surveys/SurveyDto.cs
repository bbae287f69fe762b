using System.Text.Json;
using System.Text.Json.Nodes;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Surveys.Import;

namespace Touchpoint.Web.Surveys;

/// <summary>A survey as the REST API lists it; <c>publicUrl</c> is where respondents answer.</summary>
internal sealed record SurveyDto(Guid Id, string Name, SurveyMetric Metric, string Question, string CommentPrompt,
    SurveyStatus Status, Guid? TouchPointId, string PublicUrl, DateTime CreatedAt)
{
    /// <summary>question and commentPrompt are the headline question's and the first text question's titles, in the default language.</summary>
    public static SurveyDto From(Survey s, string publicUrl)
    {
        var (question, comment) = SurveyTexts.Of(s);
        return new(s.Id, s.Name, s.Metric, question, comment, s.Status, s.TouchPointId, publicUrl, s.CreatedAt);
    }
}

/// <summary>One survey with its settings and current definition (an object, in the format docs/api.md describes).</summary>
internal sealed record SurveyDetailDto(Guid Id, string Name, SurveyMetric Metric, string Question, string CommentPrompt,
    SurveyStatus Status, Guid? TouchPointId, bool Anonymous, int? QuarantineDays, int? ReminderAfterDays, int Version,
    JsonNode? Definition, string PublicUrl, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static SurveyDetailDto From(Survey s, string publicUrl)
    {
        var (question, comment) = SurveyTexts.Of(s);
        return new(s.Id, s.Name, s.Metric, question, comment, s.Status, s.TouchPointId, s.Anonymous, s.QuarantineDays,
            s.ReminderAfterDays, s.Version, JsonNode.Parse(s.Definition), publicUrl, s.CreatedAt, s.UpdatedAt);
    }
}

/// <summary>
/// The body of POST /api/v1/surveys. Either <c>metric</c> (the standard survey; <c>question</c> defaults
/// to the metric's wording) or a full <c>definition</c>, whose first NPS/CSAT/CES question sets the metric.
/// </summary>
internal sealed record CreateSurveyRequest(string? Name, SurveyMetric? Metric, string? Question, string? CommentPrompt, Guid? TouchPointId,
    JsonElement? Definition = null);

/// <summary>
/// The body of PUT /api/v1/surveys/{id}. <c>definition</c>, <c>anonymous</c> and <c>status</c> left out
/// stay as they are; <c>quarantineDays</c>, <c>reminderAfterDays</c> and <c>touchPointId</c> left out mean none.
/// </summary>
internal sealed record UpdateSurveyRequest(string? Name, JsonElement? Definition, bool? Anonymous, int? QuarantineDays,
    int? ReminderAfterDays, SurveyStatus? Status, Guid? TouchPointId);

/// <summary>The body of POST /api/v1/surveys/import/surveyjs.</summary>
internal sealed record ImportSurveyJsRequest(string? Name, JsonElement? Json);

internal sealed record ImportedSurveyDto(SurveyDetailDto Survey, IReadOnlyList<SurveyJsImporter.SkippedElement> Skipped, IReadOnlyList<string> Warnings);

internal sealed record SurveyVersionDto(int Number, DateTime CreatedAt, string CreatedBy, JsonNode? Definition);

internal sealed record SurveyVersionSummaryDto(int Number, DateTime CreatedAt, string CreatedBy);
