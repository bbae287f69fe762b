using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Surveys.Definition;
using Touchpoint.Core.Text.Storage;

namespace Touchpoint.Core.Text.Ingest;

/// <summary>
/// Scores what customers write as it arrives: each free-text answer of a completed response and each
/// customer message. The analysis runs on the caller's (request) thread, before anything is handed to
/// the group-commit writer, so the writer only inserts rows. It never throws: a text that cannot be
/// analysed is stored without an analysis rather than lost.
/// </summary>
public sealed partial class TextIngest(ITextAnalyzerSource analyzers, TimeProvider clock, ILogger<TextIngest> logger)
{
    /// <summary>An analysis made ahead of storing a message; turned into a row by <see cref="RowFor"/> once the message exists.</summary>
    public sealed record MessageAnalysis(TextAnalysisResult Result, int TaxonomyVersion, DateTime AnalyzedAt);

    /// <summary>
    /// One row per text question the completed response answered, each pointing at the response (so
    /// they are inserted in the same save) and carrying the response's workspace.
    /// </summary>
    public async Task<IReadOnlyList<AnalyzedText>> AnalyzeResponseAsync(Response response, SurveyDefinition definition, CancellationToken ct = default)
    {
        try
        {
            var texts = TextAnswers(response, definition);
            if (texts.Count == 0)
            {
                return [];
            }

            var workspace = await analyzers.GetAsync(response.WorkspaceId, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var rows = new List<AnalyzedText>(texts.Count);
            foreach (var (questionId, text) in texts)
            {
                var row = AnalysisRecords.ForResponse(response, questionId, workspace.Analyzer.Analyze(text), workspace.TaxonomyVersion, now);
                rows.Add(InWorkspace(row, response.WorkspaceId));
            }

            return rows;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, "response", response.SurveyId.ToString());
            return [];
        }
    }

    /// <summary>
    /// Analyses a message if a customer wrote it in public (not an agent, not a note, not the system);
    /// null otherwise, or when the analysis failed.
    /// </summary>
    public async Task<MessageAnalysis?> AnalyzeMessageAsync(Guid workspaceId, MessageAuthor author, bool isPrivate, string body,
        CancellationToken ct = default)
    {
        if (author != MessageAuthor.Customer || isPrivate || string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            var workspace = await analyzers.GetAsync(workspaceId, ct);
            return new MessageAnalysis(workspace.Analyzer.Analyze(body), workspace.TaxonomyVersion, clock.GetUtcNow().UtcDateTime);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, "message", workspaceId.ToString());
            return null;
        }
    }

    /// <summary>The stored row for a message being appended: added to the same context, it is saved with the message.</summary>
    public static AnalyzedText RowFor(ConversationMessage message, Guid? customerId, MessageAnalysis analysis) =>
        InWorkspace(AnalysisRecords.ForMessage(message, customerId, analysis.Result, analysis.TaxonomyVersion, analysis.AnalyzedAt),
            message.WorkspaceId);

    /// <summary>The text answers of a response, by question, in the survey's order.</summary>
    public static IReadOnlyList<(string QuestionId, string Text)> TextAnswers(Response response, SurveyDefinition definition)
    {
        if (JsonNode.Parse(string.IsNullOrEmpty(response.Answers) ? "{}" : response.Answers) is not JsonObject answers)
        {
            return [];
        }

        return definition.Questions.Where(q => q.Type == QuestionType.Text)
            .Select(q => (q.Id, Text: answers[q.Id] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null))
            .Where(a => !string.IsNullOrWhiteSpace(a.Text))
            .Select(a => (a.Id, a.Text!))
            .ToList();
    }

    /// <summary>
    /// The group-commit writer's context acts in no workspace, so rows it inserts must say theirs
    /// (labels included); the other contexts check it matches.
    /// </summary>
    public static AnalyzedText InWorkspace(AnalyzedText row, Guid workspaceId)
    {
        row.WorkspaceId = workspaceId;
        foreach (var label in row.Labels)
        {
            label.WorkspaceId = workspaceId;
        }

        return row;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not analyse a {Source} ({Reference}); it is stored without an analysis")]
    private partial void LogFailed(Exception ex, string source, string reference);
}
