using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Conversations.AfterChat;

/// <summary>
/// The visitor's 1-5 rating after a resolution: kept on the conversation (credited to the agent who
/// handled it) and stored as a completed response of the workspace's "Chat CSAT" survey, so it
/// counts in CSAT metrics and reaches webhooks and the live feed like any other answer.
/// </summary>
public sealed class ChatCsat(TouchpointDbContext db, ConversationLog log, IConversationFeed feed, SurveyService surveys,
    ResponseSubmission submission)
{
    public const string SurveyName = "Chat CSAT";

    public enum Outcome
    {
        Rated,
        Invalid,
        NotResolved,
        AlreadyRated,
    }

    public sealed record Result(Outcome Outcome, Dictionary<string, string[]> Errors, Conversation? Conversation = null);

    public async Task<Result> RateAsync(Guid conversationId, int? score, string? comment, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (score is not (>= 1 and <= 5))
        {
            errors["score"] = ["Give a whole number from 1 (very dissatisfied) to 5 (very satisfied)."];
        }

        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        var maxComment = Math.Min(ConversationLimits.MaxMessageLength, ResponseSubmission.MaxCommentLength);
        if (comment is { Length: var length } && length > maxComment)
        {
            errors["comment"] = [$"Use at most {maxComment} characters."];
        }

        if (errors.Count > 0)
        {
            return new Result(Outcome.Invalid, errors);
        }

        var conversation = await db.Conversations.AsNoTracking().FirstAsync(c => c.Id == conversationId, ct);
        if (conversation is not { Status: ConversationStatus.Resolved, ResolvedAt: { } resolvedAt })
        {
            return new Result(Outcome.NotResolved, errors);
        }

        // One rating per resolution: the rating's message carries a per-resolution client id, and
        // the unique index on it settles two ratings sent at once.
        var key = ResolutionFollowUp.ResolutionKey("csat", resolvedAt);
        if (await db.ConversationMessages.AnyAsync(m => m.ConversationId == conversationId && m.ClientId == key, ct))
        {
            return new Result(Outcome.AlreadyRated, errors);
        }

        try
        {
            await log.AppendAsync(conversationId, new ConversationLog.NewMessage(MessageAuthor.System,
                string.Create(CultureInfo.InvariantCulture, $"Rated {score}/5"), ClientId: key), ct);
        }
        catch (DbUpdateException)
        {
            return new Result(Outcome.AlreadyRated, errors);
        }

        var agentId = await ResolutionFollowUp.HandlingAgentAsync(db, conversation, ct);
        await db.Conversations.Where(c => c.Id == conversationId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.CsatScore, score).SetProperty(c => c.CsatComment, comment).SetProperty(c => c.CsatAgentId, agentId), ct);
        var rated = await db.Conversations.AsNoTracking().FirstAsync(c => c.Id == conversationId, ct);
        feed.ConversationChanged(rated);
        await RecordResponseAsync(rated, score!.Value, comment, agentId, ct);
        return new Result(Outcome.Rated, errors, rated);
    }

    /// <summary>Stores the rating through the same submission path as every other answer.</summary>
    private async Task RecordResponseAsync(Conversation conversation, int score, string? comment, Guid? agentId, CancellationToken ct)
    {
        var survey = await db.Surveys.AsNoTracking().Where(s => s.Name == SurveyName && s.Metric == SurveyMetric.Csat
                && s.Status == SurveyStatus.Live).OrderBy(s => s.CreatedAt).FirstOrDefaultAsync(ct)
            ?? await CreateSurveyAsync(ct);
        var answers = new JsonObject { ["score"] = score };
        if (comment is not null)
        {
            answers["comment"] = comment;
        }

        var agent = agentId is { } id ? await ResolutionFollowUp.AgentNameAsync(db, id, ct) : null;
        await submission.SubmitAsync(survey, new ResponseSubmission.Submission(answers, conversation.CustomerId, Channel: Channel.Chat,
            TouchPointId: conversation.TouchPointId, Agent: agent, ConversationId: conversation.Id), ct);
    }

    private async Task<Survey> CreateSurveyAsync(CancellationToken ct)
    {
        var workspaceId = db.CurrentWorkspaceId;
        var company = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId).Select(w => w.Name).FirstAsync(ct);
        return await surveys.CreateAsync(new SurveyService.NewSurvey(SurveyName, SurveyMetric.Csat, "How would you rate this conversation?",
            "Anything to add?", null), company, "system", ct);
    }
}
