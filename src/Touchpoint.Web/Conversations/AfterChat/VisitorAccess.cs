using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;

namespace Touchpoint.Web.Conversations.AfterChat;

/// <summary>
/// The widget's proof that a browser may act on a conversation: the conversation is in the inbox the
/// widget key names and the visitor token hashes to the conversation's stored hash. Anything else is
/// "not found", so nobody learns whether another visitor's conversation exists.
/// </summary>
internal static class VisitorAccess
{
    public const string TokenHeader = "X-Visitor-Token";

    /// <summary>The conversation (read-only), with the request's scope entered into its workspace; null when refused.</summary>
    public static async Task<Conversation?> FindAsync(TouchpointDbContext db, WorkspaceScope scope, string widgetKey, Guid conversationId,
        string? visitorToken, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(visitorToken) || visitorToken.Length > 200)
        {
            return null;
        }

        var conversation = await db.Conversations.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.Id == conversationId && db.Inboxes.IgnoreQueryFilters().Any(i => i.Id == c.InboxId && i.WidgetKey == widgetKey))
            .FirstOrDefaultAsync(ct);
        if (!VisitorTokens.Matches(visitorToken, conversation?.VisitorTokenHash))
        {
            return null;
        }

        scope.Enter(conversation!.WorkspaceId);
        return conversation;
    }

    public static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Conversation not found",
            detail: "No conversation with this id belongs to this visitor. Start a new conversation from the widget.");
}
