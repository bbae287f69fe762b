using System.Net;
using System.Text.Json;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Conversations.AgentInbox;

/// <summary>Inboxes, agents and conversations made through the API, as an integration would.</summary>
internal static class InboxTestData
{
    public static async Task<Guid> CreateInboxAsync(HttpClient client, string assignment = "manual", params Guid[] agents)
    {
        var json = await client.PostJsonAsync("/api/v1/inboxes", new { name = $"Support {Guid.NewGuid():N}", kind = "webChat", assignment, agents },
            HttpStatusCode.Created);
        return json.GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> LogConversationAsync(HttpClient client, Guid inboxId, string body = "My parcel is late", Guid? customerId = null) =>
        await client.PostJsonAsync("/api/v1/conversations", new
        {
            inboxId,
            channel = "phone",
            customerId,
            subject = "Call about an order",
            messages = new[] { new { author = "customer", body } },
        }, HttpStatusCode.Created);

    /// <summary>An agent member who is online now with the given capacity.</summary>
    public static async Task<Guid> OnlineAgentAsync(TestWorkspace workspace, HttpClient client, int capacity = 5)
    {
        var user = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        await client.PutAsJsonJsonAsync($"/api/v1/agents/{user.Id}/status", new { presence = "online", capacity });
        return user.Id;
    }

    public static async Task PutAsJsonJsonAsync(this HttpClient client, string url, object body)
    {
        using var response = await client.PutAsync(url, Api.Json(JsonSerializer.Serialize(body)));
        await response.ExpectAsync(HttpStatusCode.OK);
    }

    public static Task<Conversation> StoredAsync(TestWorkspace workspace, Guid id) =>
        workspace.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Conversations, c => c.Id == id));
}
