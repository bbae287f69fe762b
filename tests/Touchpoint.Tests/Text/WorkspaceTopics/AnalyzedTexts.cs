using Touchpoint.Core.Conversations;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Text;
using Touchpoint.Core.Text.Storage;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.TextAnalysis.WorkspaceTopics;

/// <summary>Stores analysed texts the way ingest does (the response or message and its analysis in one save).</summary>
public static class AnalyzedTexts
{
    /// <summary>A completed response whose free-text answer "comment" was analysed with the built-in taxonomy (version 0).</summary>
    public static Task<long> AddCommentAsync(TestWorkspace workspace, Guid surveyId, string comment, DateTime? at = null) =>
        workspace.QueryAsync(async db =>
        {
            var when = at ?? DateTime.UtcNow;
            var response = new Response
            {
                SurveyId = surveyId,
                Comment = comment,
                Answers = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object> { ["comment"] = comment }),
                StartedAt = when,
                SubmittedAt = when,
            };
            var row = AnalysisRecords.ForResponse(response, "comment", TextAnalyzer.Default.Analyze(comment), 0, when);
            db.Responses.Add(response);
            db.AnalyzedTexts.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });

    /// <summary>A customer's chat message, analysed with the built-in taxonomy (version 0).</summary>
    public static Task<long> AddMessageAsync(TestWorkspace workspace, string body) =>
        workspace.QueryAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var inbox = new Inbox { Name = "Chat", WidgetKey = Guid.NewGuid().ToString("N"), IdentitySecret = "secret" };
            var conversation = new Conversation { InboxId = inbox.Id, ReplyToken = Guid.NewGuid().ToString("N"), CreatedAt = now, LastMessageAt = now, LastSeq = 1 };
            var message = new ConversationMessage { ConversationId = conversation.Id, Seq = 1, Author = MessageAuthor.Customer, Body = body, CreatedAt = now };
            db.Inboxes.Add(inbox);
            db.Conversations.Add(conversation);
            db.ConversationMessages.Add(message);
            var row = AnalysisRecords.ForMessage(message, null, TextAnalyzer.Default.Analyze(body), 0, now);
            db.AnalyzedTexts.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });
}
