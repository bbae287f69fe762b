using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Core.Text;
using Touchpoint.Core.Text.Storage;

namespace Touchpoint.Core.Demo;

/// <summary>
/// Analyses the demo's comments and customer messages as ingest would, so sentiment, signals and topics
/// have something to show: a new workspace has the built-in taxonomy (version 0) and no classifier.
/// </summary>
internal static class DemoTextAnalysis
{
    /// <summary>The demo surveys' comment question (the standard survey's id).</summary>
    private const string CommentQuestion = "comment";

    /// <summary>Adds an analysis for every comment and customer message the context is about to insert.</summary>
    public static void AddForPending(TouchpointDbContext db, DateTime now)
    {
        var analyzer = TextAnalyzer.Default;
        foreach (var response in db.Responses.Local.Where(r => r.Id == 0 && !string.IsNullOrWhiteSpace(r.Comment)).ToList())
        {
            db.AnalyzedTexts.Add(AnalysisRecords.ForResponse(response, CommentQuestion, analyzer.Analyze(response.Comment), 0, now));
        }

        var customers = db.Conversations.Local.ToDictionary(c => c.Id, c => c.CustomerId);
        foreach (var message in db.ConversationMessages.Local.Where(m => m.Id == 0 && m is { Author: MessageAuthor.Customer, Private: false }).ToList())
        {
            db.AnalyzedTexts.Add(AnalysisRecords.ForMessage(message, customers.GetValueOrDefault(message.ConversationId), analyzer.Analyze(message.Body), 0, now));
        }
    }
}
