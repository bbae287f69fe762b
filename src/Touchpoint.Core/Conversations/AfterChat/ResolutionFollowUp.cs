using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Surveys.Distribution;

namespace Touchpoint.Core.Conversations.AfterChat;

/// <summary>
/// What happens once a conversation is resolved: the in-chat rating question (when the inbox asks for
/// one and an agent took part) and the inbox's follow-up survey by email, through the surveys'
/// contact rules, so a customer who was asked recently is not asked again. Run by
/// <see cref="ConversationChanges"/> whenever a change resolves a conversation.
/// </summary>
public sealed class ResolutionFollowUp(TouchpointDbContext db, ConversationLog log, SurveyInviter inviter)
{
    public const string CsatQuestion = "How would you rate this conversation? (1-5)";

    /// <summary>Runs after a conversation became resolved (whoever resolved it). Safe to call twice for one resolution.</summary>
    public async Task OnResolvedAsync(Guid conversationId, CancellationToken ct)
    {
        // The log reads the conversation afresh to number the message; a saved copy the caller still
        // tracks would hand it a stale sequence number.
        foreach (var entry in db.ChangeTracker.Entries<Conversation>().Where(e => e.Entity.Id == conversationId
                     && e.State == EntityState.Unchanged).ToList())
        {
            entry.State = EntityState.Detached;
        }

        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, ct);
        if (conversation is not { Status: ConversationStatus.Resolved, ResolvedAt: { } resolvedAt })
        {
            return;
        }

        var inbox = await db.Inboxes.AsNoTracking().FirstAsync(i => i.Id == conversation.InboxId, ct);
        var agentId = await HandlingAgentAsync(db, conversation, ct);
        if (inbox.CsatEnabled && agentId is not null)
        {
            // The client id makes the question idempotent per resolution: a second call returns the first.
            await log.AppendAsync(conversationId, new ConversationLog.NewMessage(MessageAuthor.System, CsatQuestion,
                ClientId: ResolutionKey("csat-ask", resolvedAt)), ct);
        }

        if (inbox.FollowUpSurveyId is { } surveyId)
        {
            await InviteAsync(conversation, surveyId, agentId, ct);
        }
    }

    /// <summary>The agent a resolution is credited to: the assignee, else the last agent who replied.</summary>
    public static async Task<Guid?> HandlingAgentAsync(TouchpointDbContext db, Conversation conversation, CancellationToken ct)
    {
        var lastReplier = await db.ConversationMessages.Where(m => m.ConversationId == conversation.Id && m.Author == MessageAuthor.Agent
                && !m.Private && m.AuthorUserId != null)
            .OrderByDescending(m => m.Seq).Select(m => m.AuthorUserId).FirstOrDefaultAsync(ct);
        if (lastReplier is null)
        {
            // No agent reply: nothing to rate.
            return null;
        }

        return conversation.AssigneeId ?? lastReplier;
    }

    /// <summary>A per-resolution key (max 64 characters, the message client id's limit).</summary>
    public static string ResolutionKey(string what, DateTime resolvedAt) => $"{what}:{resolvedAt.Ticks}";

    private async Task InviteAsync(Conversation conversation, Guid surveyId, Guid? agentId, CancellationToken ct)
    {
        var survey = await db.Surveys.FirstOrDefaultAsync(s => s.Id == surveyId, ct);
        var customerEmail = conversation.CustomerId is { } id
            ? await db.Customers.Where(c => c.Id == id).Select(c => c.Email).FirstOrDefaultAsync(ct)
            : null;
        if (survey is null || (customerEmail is null && string.IsNullOrWhiteSpace(conversation.ContactEmail)))
        {
            return;
        }

        if (await db.SurveyInvitations.AnyAsync(i => i.SurveyId == surveyId && i.ConversationId == conversation.Id
                && i.CreatedAt >= conversation.ResolvedAt, ct))
        {
            return;
        }

        var agent = agentId is { } user ? await AgentNameAsync(db, user, ct) : null;
        var recipient = conversation.CustomerId is { } customerId && !string.IsNullOrWhiteSpace(customerEmail)
            ? new SurveyInviter.Recipient(customerId.ToString(), null, null, conversation.ContactName)
            : new SurveyInviter.Recipient(null, null, conversation.ContactEmail, conversation.ContactName);
        await inviter.InviteAsync(survey, recipient, new SurveyInviter.Interaction(InvitationSource.Trigger, conversation.TouchPointId,
            conversation.Channel, agent, ConversationId: conversation.Id), "system", ct);
    }

    /// <summary>The agent's display name, as responses record the agent.</summary>
    public static Task<string?> AgentNameAsync(TouchpointDbContext db, Guid userId, CancellationToken ct) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName != "" ? u.DisplayName : u.Email).FirstOrDefaultAsync(ct);
}
