using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;
using static Touchpoint.Tests.Conversations.Email.EmailChannelData;

namespace Touchpoint.Tests.Conversations.Email;

/// <summary>Raw mail delivered to the inbound endpoint becomes customer messages, threaded and de-duplicated.</summary>
[Collection(AppCollection.Name)]
public sealed class EmailInboundTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Deliver_NewMessageWithPdf_OpensAConversationForANewCustomerAndKeepsTheFile(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        await CreateInboxAsync(workspace, "billing@northwind.example", "Billing");
        using var client = workspace.Client();

        var response = await DeliverAsync(client, Fixtures.Bytes("pdf-rfc2231.eml"));

        var json = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.True(json.GetProperty("created").GetBoolean());
        Assert.True(json.GetProperty("newConversation").GetBoolean());
        var conversationId = json.GetProperty("conversationId").GetGuid();
        var conversation = await workspace.QueryAsync(db => db.Conversations.SingleAsync(c => c.Id == conversationId));
        Assert.Equal((Channel.Email, "Invoice question", "marta@ruiz.example"), (conversation.Channel, conversation.Subject, conversation.ContactEmail));
        var customer = await workspace.QueryAsync(db => db.Customers.SingleAsync(c => c.Id == conversation.CustomerId));
        Assert.Equal("marta@ruiz.example", customer.Email);
        var message = await workspace.QueryAsync(db => db.ConversationMessages.SingleAsync(m => m.ConversationId == conversationId));
        Assert.Equal((MessageAuthor.Customer, "The invoice attached charges me twice for shipping.", "pdf-7781@ruiz.example"),
            (message.Author, message.Body, message.EmailMessageId));
        var file = await workspace.QueryAsync(db => db.MessageAttachments.SingleAsync(a => a.MessageId == message.Id));
        Assert.Equal(("Rechnung März 2025.pdf", "application/pdf"), (file.FileName, file.ContentType));

        using var download = await client.GetAsync($"/api/v1/attachments/{file.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("Rechnung März 2025.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));
        Assert.StartsWith("%PDF-1.4", Encoding.ASCII.GetString(await download.Content.ReadAsByteArrayAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Deliver_NewMessage_IsAssignedByTheInboxRuleAndARepliedThreadIsNotReassigned(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var inboxId = await CreateInboxAsync(workspace, "help@northwind.example");
        await workspace.QueryAsync(async db =>
        {
            db.InboxAgents.Add(new InboxAgent { InboxId = inboxId, UserId = workspace.Owner.Id });
            db.AgentStatuses.Add(new AgentStatus { UserId = workspace.Owner.Id, Presence = Presence.Online, Capacity = 5, LastSeenAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        using var client = workspace.Client();

        var opened = await (await DeliverAsync(client, Mail("Ana <ana@customer.example>", "help@northwind.example", "Hi", "Hello")))
            .ExpectAsync(HttpStatusCode.Created);
        var conversationId = opened.GetProperty("conversationId").GetGuid();
        Assert.Equal(workspace.Owner.Id, await workspace.QueryAsync(db => db.Conversations.Where(c => c.Id == conversationId)
            .Select(c => c.AssigneeId).SingleAsync()));

        // Unassigned by hand, then the customer writes again in the thread: the thread stays as the team left it.
        await workspace.QueryAsync(db => db.Conversations.Where(c => c.Id == conversationId).ExecuteUpdateAsync(u => u.SetProperty(c => c.AssigneeId, (Guid?)null)));
        var token = await workspace.QueryAsync(db => db.Conversations.Where(c => c.Id == conversationId).Select(c => c.ReplyToken).SingleAsync());
        await (await DeliverAsync(client, Mail("Ana <ana@customer.example>", $"help+{token}@northwind.example", "Re: Hi", "Still there?")))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Null(await workspace.QueryAsync(db => db.Conversations.Where(c => c.Id == conversationId).Select(c => c.AssigneeId).SingleAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Deliver_SameMessageTwice_StoresItOnceAndAnswersWithTheSameIds(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        await CreateInboxAsync(workspace, "support@northwind.example");
        using var client = workspace.Client();
        var raw = Fixtures.Bytes("apple-inline-image.eml");

        var first = await (await DeliverAsync(client, raw)).ExpectAsync(HttpStatusCode.Created);
        var again = await (await DeliverAsync(client, raw)).ExpectAsync(HttpStatusCode.OK);

        Assert.False(again.GetProperty("created").GetBoolean());
        Assert.Equal(first.GetProperty("conversationId").GetGuid(), again.GetProperty("conversationId").GetGuid());
        Assert.Equal(first.GetProperty("messageId").GetInt64(), again.GetProperty("messageId").GetInt64());
        Assert.Equal(1, await workspace.QueryAsync(db => db.ConversationMessages.CountAsync()));
        Assert.Equal(1, await workspace.QueryAsync(db => db.MessageAttachments.CountAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Deliver_ReplyTokenInRecipient_ThreadsIntoThatConversationWithoutTheQuote(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        await CreateInboxAsync(workspace, "help@northwind.example");
        using var client = workspace.Client();
        var opened = await (await DeliverAsync(client, Mail("Ana <ana@customer.example>", "help@northwind.example", "Broken mug", "The mug is broken.")))
            .ExpectAsync(HttpStatusCode.Created);
        var conversationId = opened.GetProperty("conversationId").GetGuid();
        var token = await workspace.QueryAsync(db => db.Conversations.Where(c => c.Id == conversationId).Select(c => c.ReplyToken).SingleAsync());

        var reply = await (await DeliverAsync(client, Mail("Ana <ana@customer.example>", $"Help <help+{token}@northwind.example>", "Re: Broken mug",
            "Here is more detail.\n\nOn Mon, 17 Nov 2025 at 10:00, Help <help@northwind.example> wrote:\n> Sorry to hear that.")))
            .ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(conversationId, reply.GetProperty("conversationId").GetGuid());
        Assert.False(reply.GetProperty("newConversation").GetBoolean());
        var bodies = await workspace.QueryAsync(db => db.ConversationMessages.Where(m => m.ConversationId == conversationId).OrderBy(m => m.Seq)
            .Select(m => m.Body).ToListAsync());
        Assert.Equal(["The mug is broken.", "Here is more detail."], bodies);
        Assert.Equal(1, await workspace.QueryAsync(db => db.Customers.CountAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Deliver_InReplyToAStoredMessage_ThreadsWithoutAToken(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        await CreateInboxAsync(workspace, "support@northwind.example");
        using var client = workspace.Client();
        var opened = await (await DeliverAsync(client, Fixtures.Bytes("folded-headers.eml"))).ExpectAsync(HttpStatusCode.Created);

        var reply = await (await DeliverAsync(client, Mail("Tom <tom.baker@example.org>", "someone-else@elsewhere.example", "Re: folded",
            "Still waiting.", "References: <unknown@x.example>\nIn-Reply-To: <folded-1@example.org>\n"))).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(opened.GetProperty("conversationId").GetGuid(), reply.GetProperty("conversationId").GetGuid());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Deliver_TwoInboxes_PicksTheInboxTheMailWasSentTo(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        await CreateInboxAsync(workspace, "support@northwind.example", "Support");
        var billing = await CreateInboxAsync(workspace, "Billing@Northwind.example", "Billing");
        using var client = workspace.Client();

        var json = await (await DeliverAsync(client, Mail("x@customer.example", "\"Billing\" <billing@northwind.example>", "Invoice", "Hello")))
            .ExpectAsync(HttpStatusCode.Created);

        var conversationId = json.GetProperty("conversationId").GetGuid();
        Assert.Equal(billing, await workspace.QueryAsync(db => db.Conversations.Where(c => c.Id == conversationId).Select(c => c.InboxId).SingleAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Deliver_FilesOfRefusedTypes_AreDroppedWithANoteAndTheMessageIsKept(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        await CreateInboxAsync(workspace, "support@northwind.example");
        using var client = workspace.Client();
        var raw = """
            From: Eve <eve@customer.example>
            To: support@northwind.example
            Subject: Files
            Message-ID: <files-1@customer.example>
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            See the files.
            --b
            Content-Type: application/octet-stream; name=setup.exe
            Content-Disposition: attachment; filename=setup.exe
            Content-Transfer-Encoding: base64

            TVqQAAMAAAAEAAAA
            --b
            Content-Type: text/html; name=page.html
            Content-Disposition: attachment; filename=page.html

            <script>alert(1)</script>
            --b
            Content-Type: text/plain; name=notes.txt
            Content-Disposition: attachment; filename=notes.txt

            my notes
            --b--
            """;

        var json = await (await DeliverAsync(client, raw)).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(1, json.GetProperty("attachments").GetInt32());
        Assert.Equal(2, json.GetProperty("dropped").GetArrayLength());
        var conversationId = json.GetProperty("conversationId").GetGuid();
        var messages = await workspace.QueryAsync(db => db.ConversationMessages.Where(m => m.ConversationId == conversationId).OrderBy(m => m.Seq).ToListAsync());
        Assert.Equal("See the files.", messages[0].Body);
        Assert.Equal((MessageAuthor.System, true), (messages[1].Author, messages[1].Private));
        Assert.Contains("setup.exe (this type of file is not accepted)", messages[1].Body, StringComparison.Ordinal);
        Assert.Contains("page.html", messages[1].Body, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], await workspace.QueryAsync(db => db.MessageAttachments.Select(a => a.FileName).ToListAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Deliver_AutoReply_IsAPrivateSystemNoteAndIsNotAnswered(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        await CreateInboxAsync(workspace, "support@northwind.example");
        using var client = workspace.Client();

        var json = await (await DeliverAsync(client, Fixtures.Bytes("auto-reply.eml"))).ExpectAsync(HttpStatusCode.Created);

        var messageId = json.GetProperty("messageId").GetInt64();
        var message = await workspace.QueryAsync(db => db.ConversationMessages.SingleAsync(m => m.Id == messageId));
        Assert.Equal((MessageAuthor.System, true), (message.Author, message.Private));
        Assert.StartsWith("Automatic reply from carl@jensen.example", message.Body, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Deliver_NoEmailInbox_Is422NamingTheInbox(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        var response = await DeliverAsync(client, Fixtures.Bytes("gmail-reply.eml"));

        await Problem.AssertFieldAsync(response, HttpStatusCode.UnprocessableEntity, "inbox");
        Assert.Equal(0, await workspace.QueryAsync(db => db.Conversations.CountAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Deliver_BadRequests_AreRefusedClearly(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        await CreateInboxAsync(workspace, "support@northwind.example");
        using var client = workspace.Client();

        await Problem.AssertFieldAsync(await DeliverAsync(client, []), HttpStatusCode.BadRequest, "body");
        await Problem.AssertFieldAsync(await DeliverAsync(client, Encoding.UTF8.GetBytes("{}"), "application/json"),
            HttpStatusCode.UnsupportedMediaType, "contentType");
        await Problem.AssertFieldAsync(await DeliverAsync(client, Encoding.UTF8.GetBytes("Subject: no sender\r\n\r\nhi")),
            HttpStatusCode.UnprocessableEntity, "from");
        await Problem.AssertAsync(await DeliverAsync(client, new byte[(25 * 1024 * 1024) + 1]), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await workspace.QueryAsync(db => db.ConversationMessages.CountAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Deliver_WithoutAKeyOrWithAReadKey_IsRefused(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var readKey = await workspace.CreateKeyAsync(ApiKeyKind.Rest, ApiScopes.Read);
        using var anonymous = workspace.ClientWithKey(null);
        using var reader = workspace.ClientWithKey(readKey.PlainKey);

        Assert.Equal(HttpStatusCode.Unauthorized, (await DeliverAsync(anonymous, Fixtures.Bytes("gmail-reply.eml"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await DeliverAsync(reader, Fixtures.Bytes("gmail-reply.eml"))).StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task DownloadAttachment_FromAnotherWorkspace_IsNotFound(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var owner = await TestWorkspace.CreateAsync(app);
        var stranger = await TestWorkspace.CreateAsync(app);
        await CreateInboxAsync(owner, "support@northwind.example");
        using var ownerClient = owner.Client();
        await (await DeliverAsync(ownerClient, Fixtures.Bytes("apple-inline-image.eml"))).ExpectAsync(HttpStatusCode.Created);
        var fileId = await owner.QueryAsync(db => db.MessageAttachments.Select(a => a.Id).SingleAsync());
        using var strangerClient = stranger.Client();
        using var anonymous = owner.ClientWithKey(null);

        await Problem.AssertAsync(await strangerClient.GetAsync($"/api/v1/attachments/{fileId}"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/attachments/{fileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.GetAsync($"/api/v1/attachments/{fileId}")).StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Deliver_SameMessageFiveTimesAtOnce_StoresItOnce(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        await CreateInboxAsync(workspace, "support@northwind.example");
        using var client = workspace.Client();
        var raw = Fixtures.Bytes("outlook-reply.eml");

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => DeliverAsync(client, raw)));

        var answers = new List<(Guid, long)>();
        foreach (var response in responses)
        {
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"Got {(int)response.StatusCode}");
            var json = await response.ExpectAsync(response.StatusCode);
            answers.Add((json.GetProperty("conversationId").GetGuid(), json.GetProperty("messageId").GetInt64()));
        }

        Assert.Single(answers.Distinct());
        Assert.Equal(1, await workspace.QueryAsync(db => db.Conversations.CountAsync()));
        Assert.Equal(1, await workspace.QueryAsync(db => db.ConversationMessages.CountAsync()));
        Assert.Equal(1, await workspace.QueryAsync(db => db.Customers.CountAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task DownloadAttachment_SignedInMember_GetsTheFileAsADownload(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        await CreateInboxAsync(workspace, "support@northwind.example");
        using var client = workspace.Client();
        await (await DeliverAsync(client, Fixtures.Bytes("apple-inline-image.eml"))).ExpectAsync(HttpStatusCode.Created);
        var fileId = await workspace.QueryAsync(db => db.MessageAttachments.Select(a => a.Id).SingleAsync());
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(agent.Email!, TestWorkspace.Password);
        using var anonymous = new PageSession(workspace.App);

        var (download, _) = await session.GetAsync($"/conversations/attachments/{fileId}");
        var (refused, _) = await anonymous.GetAsync($"/conversations/attachments/{fileId}");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Deliver_TextOverTheLimit_KeepsTheFirstPartAndSaysSo(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        await CreateInboxAsync(workspace, "support@northwind.example");
        using var client = workspace.Client();
        var text = string.Concat(Enumerable.Repeat("0123456789", (ConversationLimits.MaxStoredBodyLength / 10) + 5));

        var json = await (await DeliverAsync(client, Mail("long@customer.example", "support@northwind.example", "Long", text)))
            .ExpectAsync(HttpStatusCode.Created);

        var conversationId = json.GetProperty("conversationId").GetGuid();
        var messages = await workspace.QueryAsync(db => db.ConversationMessages.Where(m => m.ConversationId == conversationId).OrderBy(m => m.Seq).ToListAsync());
        Assert.Equal(ConversationLimits.MaxStoredBodyLength, messages[0].Body.Length);
        Assert.Contains("too long", messages[1].Body, StringComparison.Ordinal);
    }
}

