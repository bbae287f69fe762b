using System.Net;
using System.Net.Http.Json;
using Touchpoint.Core.Conversations;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Conversations.Chat;

/// <summary>Chat inboxes, agents and started chats for the widget and hub tests.</summary>
public static class ChatData
{
    public sealed record StartedChat(Guid ConversationId, string VisitorToken);

    /// <summary>A web chat inbox straight in the database; <paramref name="configure"/> sets what a test needs.</summary>
    public static Task<Inbox> InboxAsync(TestWorkspace workspace, Action<Inbox>? configure = null) => workspace.QueryAsync(async db =>
    {
        var inbox = new Inbox
        {
            Name = "Website chat",
            WidgetKey = Guid.NewGuid().ToString("N"),
            IdentitySecret = Guid.NewGuid().ToString("N"),
            Greeting = "Hi! Ask us anything.",
            CreatedAt = DateTime.UtcNow,
        };
        configure?.Invoke(inbox);
        db.Inboxes.Add(inbox);
        await db.SaveChangesAsync();
        return inbox;
    });

    /// <summary>Makes <paramref name="userId"/> an agent of the inbox with the given presence, seen just now.</summary>
    public static Task AgentAsync(TestWorkspace workspace, Inbox inbox, Guid userId, Presence presence = Presence.Online, int capacity = 5,
        DateTime? lastSeen = null) => workspace.QueryAsync(async db =>
    {
        db.InboxAgents.Add(new InboxAgent { InboxId = inbox.Id, UserId = userId });
        db.AgentStatuses.Add(new AgentStatus { UserId = userId, Presence = presence, Capacity = capacity, LastSeenAt = lastSeen ?? DateTime.UtcNow });
        return await db.SaveChangesAsync();
    });

    /// <summary>Starts a chat the way the widget does (anonymous unless <paramref name="body"/> says otherwise).</summary>
    public static async Task<StartedChat> StartAsync(TestWorkspace workspace, Inbox inbox, object? body = null)
    {
        using var http = workspace.App.CreateClient();
        using var response = await http.PostAsJsonAsync($"/chat/{inbox.WidgetKey}/conversations", body ?? new { });
        var json = await response.ExpectAsync(HttpStatusCode.Created);
        return new StartedChat(json.GetProperty("conversationId").GetGuid(), json.GetProperty("visitorToken").GetString()!);
    }
}
