using System.Net.Http.Headers;
using System.Text;
using Touchpoint.Core.Conversations;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Conversations.Email;

/// <summary>Email inboxes and inbound deliveries for the email channel's tests.</summary>
internal static class EmailChannelData
{
    public const string InboundPath = "/api/v1/channels/email/inbound";

    public static Task<Guid> CreateInboxAsync(TestWorkspace workspace, string address, string name = "Northwind Support") =>
        workspace.QueryAsync(async db =>
        {
            var inbox = new Inbox
            {
                Name = name,
                Kind = InboxKind.Email,
                EmailAddress = address,
                WidgetKey = Guid.NewGuid().ToString("N"),
                IdentitySecret = Guid.NewGuid().ToString("N"),
                CreatedAt = DateTime.UtcNow,
            };
            db.Inboxes.Add(inbox);
            await db.SaveChangesAsync();
            return inbox.Id;
        });

    public static Task<HttpResponseMessage> DeliverAsync(HttpClient client, byte[] raw, string contentType = "message/rfc822")
    {
        var content = new ByteArrayContent(raw);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return client.PostAsync(InboundPath, content);
    }

    public static Task<HttpResponseMessage> DeliverAsync(HttpClient client, string raw) =>
        DeliverAsync(client, Encoding.UTF8.GetBytes(raw.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal)));

    /// <summary>A plain message with a unique Message-ID.</summary>
    public static string Mail(string from, string to, string subject, string body, string? extraHeaders = null) => $"""
        From: {from}
        To: {to}
        Subject: {subject}
        Message-ID: <{Guid.NewGuid():N}@customer.example>
        Date: Mon, 17 Nov 2025 10:00:00 +0000
        {extraHeaders}Content-Type: text/plain; charset=utf-8

        {body}
        """;
}
