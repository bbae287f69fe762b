using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Surveys.Definition;
using Touchpoint.Web.Text;

namespace Touchpoint.Web.Pages.Responses;

/// <summary>
/// One response: every answer under the question text of the version it answered, hidden fields,
/// the context it was given in, and the customer as they were then. Razor encodes every value.
/// </summary>
[Authorize(Policy = "feedback.view")]
internal sealed class ResponseDetailsModel(TouchpointDbContext db) : PageModel
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public sealed record AnswerView(string QuestionId, string Question, string Type, IReadOnlyList<string> Lines, bool Ordered);

    public Response Answer { get; private set; } = null!;
    public string SurveyName { get; private set; } = "";
    public bool Anonymous { get; private set; }
    public List<AnswerView> Answers { get; } = [];
    public List<AnswerView> Hidden { get; } = [];
    public List<(string Label, string Value)> Context { get; } = [];
    public string? CustomerName { get; private set; }
    public string? Snapshot { get; private set; }

    /// <summary>What the analyser found in each free-text answer, by question id.</summary>
    public Dictionary<string, TextAnalysisDto> Analyses { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var response = await db.Responses.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (response is null)
        {
            return NotFound();
        }

        Answer = response;
        var survey = await db.Surveys.AsNoTracking().FirstAsync(s => s.Id == response.SurveyId, ct);
        (SurveyName, Anonymous) = (survey.Name, survey.Anonymous);
        // The questions as they were asked: the answered version, else (older rows) the current one.
        var definitionJson = await db.SurveyVersions.AsNoTracking()
            .Where(v => v.SurveyId == survey.Id && v.Number == response.Version).Select(v => v.Definition).FirstOrDefaultAsync(ct)
            ?? survey.Definition;
        var definition = SurveyDefinition.FromJson(definitionJson);
        var language = response.Language ?? definition.DefaultLanguage;
        using var answers = JsonDocument.Parse(string.IsNullOrEmpty(response.Answers) ? "{}" : response.Answers);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var question in definition.Questions)
        {
            seen.Add(question.Id);
            var title = question.Title.In(language, definition.DefaultLanguage);
            var has = answers.RootElement.TryGetProperty(question.Id, out var value);
            var view = new AnswerView(question.Id, title.Length > 0 ? title : question.Id, TypeName(question.Type),
                has ? Lines(question, value, language, definition.DefaultLanguage) : [], question.Type == QuestionType.Ranking);
            (question.Type == QuestionType.Hidden ? Hidden : Answers).Add(view);
        }

        foreach (var extra in answers.RootElement.EnumerateObject().Where(p => !seen.Contains(p.Name)))
        {
            Hidden.Add(new AnswerView(extra.Name, extra.Name, "field", [ResponseExporter.Cell(extra.Value)], false));
        }

        Analyses = StoredAnalyses.ByField((await StoredAnalyses.ForResponsesAsync(db, [response.Id], ct)).GetValueOrDefault(response.Id));
        await AddContextAsync(response, ct);
        if (response.CustomerId is { } customerId)
        {
            CustomerName = await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
                .Select(c => c.Name ?? c.Email ?? c.ExternalId ?? c.Id.ToString()).FirstOrDefaultAsync(ct);
        }

        if (response.Snapshot is { Length: > 0 } snapshot)
        {
            using var document = JsonDocument.Parse(snapshot);
            Snapshot = JsonSerializer.Serialize(document.RootElement, Indented);
        }

        return Page();
    }

    private async Task AddContextAsync(Response r, CancellationToken ct)
    {
        string? touchPoint = r.TouchPointId is { } tp
            ? await db.TouchPoints.AsNoTracking().Where(t => t.Id == tp).Select(t => t.Name).FirstOrDefaultAsync(ct)
            : null;
        string? stage = r.JourneyStageId is { } js
            ? await db.JourneyStages.AsNoTracking().Where(s => s.Id == js).Select(s => s.Name).FirstOrDefaultAsync(ct)
            : null;
        (string, string?)[] facts =
        [
            ("Channel", r.Channel?.ToString().ToLowerInvariant()),
            ("Touch point", touchPoint),
            ("Journey stage", stage),
            ("Agent", r.Agent),
            ("Order", r.OrderId),
            ("Conversation", r.ConversationId?.ToString()),
            ("Device", r.Device),
            ("Language", r.Language),
            ("Started (UTC)", r.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)),
            (r.Status == ResponseStatus.Completed ? "Submitted (UTC)" : "Last saved (UTC)",
                r.SubmittedAt.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)),
            ("Time to complete", r.DurationSeconds is { } d ? $"{d / 60} min {d % 60} s" : null),
            ("Invitation", r.InvitationId?.ToString()),
            ("Page reached", r.Status == ResponseStatus.InProgress ? r.CurrentPage : null),
        ];
        Context.AddRange(facts.Where(f => !string.IsNullOrEmpty(f.Item2)).Select(f => (f.Item1, f.Item2!)));
    }

    private static string TypeName(QuestionType type) => JsonNamingPolicy.CamelCase.ConvertName(type.ToString());

    /// <summary>An answer as lines of text: choice values become their texts, a matrix one line per row.</summary>
    private static List<string> Lines(Question q, JsonElement value, string language, string defaultLanguage)
    {
        string ChoiceText(string? v) =>
            q.Choices?.FirstOrDefault(c => c.Value == v)?.Text.In(language, defaultLanguage) is { Length: > 0 } text ? text : v ?? "";

        switch (q.Type)
        {
            case QuestionType.Single when value.ValueKind == JsonValueKind.String:
                return [ChoiceText(value.GetString())];
            case QuestionType.Multiple or QuestionType.Ranking when value.ValueKind == JsonValueKind.Array:
                return value.EnumerateArray().Select(v => ChoiceText(v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())).ToList();
            case QuestionType.Matrix when value.ValueKind == JsonValueKind.Object:
                return value.EnumerateObject().Select(p =>
                {
                    var row = q.Rows?.FirstOrDefault(r => r.Value == p.Name)?.Text.In(language, defaultLanguage) is { Length: > 0 } rowText ? rowText : p.Name;
                    return $"{row}: {ChoiceText(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}";
                }).ToList();
            default:
                var scale = q.Scale is { } s ? $" (of {s.Min}-{s.Max})" : "";
                return [ResponseExporter.Cell(value) + (value.ValueKind == JsonValueKind.Number ? scale : "")];
        }
    }
}
