using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Conversations.AfterChat;

/// <summary>A widget conversation with its visitor token, made straight in the database, and steps on it.</summary>
internal sealed record ChatData(TestWorkspace Workspace, Guid InboxId, string WidgetKey, Guid ConversationId, string VisitorToken)
{
    public string Widget => $"/chat/{WidgetKey}/conversations/{ConversationId}";

    public static async Task<ChatData> CreateAsync(TestWorkspace workspace, string? contactEmail = "visitor@example.test",
        Action<Inbox>? configure = null)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        return await workspace.QueryAsync(async db =>
        {
            var inbox = new Inbox
            {
                Name = "Website chat",
                WidgetKey = Guid.NewGuid().ToString("N"),
                IdentitySecret = Guid.NewGuid().ToString("N"),
                CreatedAt = DateTime.UtcNow,
            };
            configure?.Invoke(inbox);
            db.Inboxes.Add(inbox);
            var conversation = new Conversation
            {
                InboxId = inbox.Id,
                ReplyToken = Guid.NewGuid().ToString("N")[..20],
                VisitorTokenHash = hash,
                ContactName = "Ana <b>Silva</b>",
                ContactEmail = contactEmail,
                CreatedAt = DateTime.UtcNow,
                LastMessageAt = DateTime.UtcNow,
            };
            db.Conversations.Add(conversation);
            await db.SaveChangesAsync();
            return new ChatData(workspace, inbox.Id, inbox.WidgetKey, conversation.Id, token);
        });
    }

    /// <summary>An HttpClient with no credentials, as a visitor's browser is, sending this visitor's token.</summary>
    public HttpClient Visitor(string? token = null)
    {
        var client = Workspace.ClientWithKey(null);
        client.DefaultRequestHeaders.Add("X-Visitor-Token", token ?? VisitorToken);
        return client;
    }

    public Task<User> AgentAsync() => Workspace.AddMemberAsync(WorkspaceRole.Agent);

    public Task<ConversationMessage> AppendAsync(MessageAuthor author, string body, Guid? agent = null, bool isPrivate = false,
        IReadOnlyList<Guid>? attachments = null) =>
        Workspace.InWorkspaceAsync(s => s.GetRequiredService<ConversationLog>().AppendAsync(ConversationId,
            new ConversationLog.NewMessage(author, body, agent, isPrivate, AttachmentIds: attachments)));

    /// <summary>A customer question, an agent's answer, then resolved through the API.</summary>
    public async Task<User> AnsweredAndResolvedAsync()
    {
        var agent = await AgentAsync();
        await AppendAsync(MessageAuthor.Customer, "Where is my parcel?");
        await AppendAsync(MessageAuthor.Agent, "It arrives tomorrow.", agent.Id);
        await ResolveAsync();
        return agent;
    }

    public async Task ResolveAsync()
    {
        using var client = Workspace.Client();
        using var response = await client.PostAsync($"/api/v1/conversations/{ConversationId}/resolve", null);
        await response.ExpectAsync(System.Net.HttpStatusCode.NoContent);
    }
}
