using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Conversations.Email;
using Touchpoint.Core.Conversations.Email.Mime;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;
using static Touchpoint.Tests.Conversations.Email.EmailChannelData;

namespace Touchpoint.Tests.Conversations.Email;

/// <summary>Agents' replies in email conversations reach the customer's mailbox, and the customer's answer threads back.</summary>
public sealed class EmailReplyTests(EmailFixture fixture) : IClassFixture<EmailFixture>
{
    [SmtpTheory, OnSqlite, OnPostgres]
    public async Task AgentReply_InEmailConversation_IsMailedWithThreadHeadersAndTheAnswerThreadsBack(DatabaseProvider provider)
    {
        var (app, sink) = await fixture.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        await CreateInboxAsync(workspace, "help@northwind.example", "Northwind Help");
        using var client = workspace.Client();
        var customer = $"ana-{Guid.NewGuid():N}@customer.example";
        var opened = await (await DeliverAsync(client, Mail($"Ana <{customer}>", "help@northwind.example", "Broken mug", "The mug is broken.")))
            .ExpectAsync(HttpStatusCode.Created);
        var conversationId = opened.GetProperty("conversationId").GetGuid();
        var customerMessageId = await workspace.QueryAsync(db => db.ConversationMessages.Where(m => m.ConversationId == conversationId)
            .Select(m => m.EmailMessageId).SingleAsync());

        var reply = await workspace.InWorkspaceAsync(s => s.GetRequiredService<ConversationLog>().AppendAsync(conversationId,
            new ConversationLog.NewMessage(MessageAuthor.Agent, "Sorry! A new mug is on its way.", workspace.Owner.Id)));
        var mail = await sink.WaitForMessageToAsync(customer);

        var token = await workspace.QueryAsync(db => db.Conversations.Where(c => c.Id == conversationId).Select(c => c.ReplyToken).SingleAsync());
        var sentId = await Eventually.ReturnsAsync(() => workspace.QueryAsync(db => db.ConversationMessages.Where(m => m.Id == reply.Id)
            .Select(m => m.EmailMessageId).SingleAsync()), "the reply's Message-ID to be stored");
        Assert.Equal("Re: Broken mug", mail.Subject);
        Assert.Contains("Northwind Help", mail.Header("From"), StringComparison.Ordinal);
        Assert.Contains("<help@northwind.example>", mail.Header("From"), StringComparison.Ordinal);
        Assert.Equal($"help+{token}@northwind.example", mail.Header("Reply-To"));
        Assert.Equal($"<{sentId}>", mail.Header("Message-ID"));
        Assert.Equal($"<{customerMessageId}>", mail.Header("In-Reply-To"));
        Assert.Contains($"<{customerMessageId}>", mail.Header("References"), StringComparison.Ordinal);
        Assert.Contains("Sorry! A new mug is on its way.", mail.TextBody, StringComparison.Ordinal);

        // The customer answers from a client that drops the reply address: In-Reply-To alone threads it.
        var answer = await (await DeliverAsync(client, Mail($"Ana <{customer}>", "help@northwind.example", "Re: Broken mug",
            $"Thank you!\n\nOn Mon, 17 Nov 2025, Northwind Help wrote:\n> Sorry! A new mug is on its way.",
            $"In-Reply-To: {mail.Header("Message-ID")}\n"))).ExpectAsync(HttpStatusCode.Created);
        // And one sent to the reply address threads by its token.
        var second = await (await DeliverAsync(client, Mail($"Ana <{customer}>", mail.Header("Reply-To"), "Another thing", "Also the saucer.")))
            .ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(conversationId, answer.GetProperty("conversationId").GetGuid());
        Assert.Equal(conversationId, second.GetProperty("conversationId").GetGuid());
        var bodies = await workspace.QueryAsync(db => db.ConversationMessages.Where(m => m.ConversationId == conversationId).OrderBy(m => m.Seq)
            .Select(m => m.Body).ToListAsync());
        Assert.Equal(["The mug is broken.", "Sorry! A new mug is on its way.", "Thank you!", "Also the saucer."], bodies);
    }

    [SmtpTheory, OnSqlite, OnPostgres]
    public async Task AgentReply_WithAFile_IsMailedWithTheFileAttached(DatabaseProvider provider)
    {
        var (app, sink) = await fixture.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        await CreateInboxAsync(workspace, "help@northwind.example");
        using var client = workspace.Client();
        var customer = $"file-{Guid.NewGuid():N}@customer.example";
        var opened = await (await DeliverAsync(client, Mail($"Ana <{customer}>", "help@northwind.example", "Receipt", "Can I have the receipt?")))
            .ExpectAsync(HttpStatusCode.Created);
        var conversationId = opened.GetProperty("conversationId").GetGuid();
        byte[] pdf = [.. "%PDF-1.4\n"u8, .. Enumerable.Range(0, 3000).Select(i => (byte)(i % 251))];
        using var form = new MultipartFormDataContent { { new ByteArrayContent(pdf), "file", "Receipt 42.pdf" } };
        var uploaded = await (await client.PostAsync($"/api/v1/conversations/{conversationId}/attachments", form)).ExpectAsync(HttpStatusCode.Created);

        await workspace.InWorkspaceAsync(s => s.GetRequiredService<ConversationLog>().AppendAsync(conversationId,
            new ConversationLog.NewMessage(MessageAuthor.Agent, "Here it is.", workspace.Owner.Id, AttachmentIds: [uploaded.GetProperty("id").GetGuid()])));
        var mail = await sink.WaitForMessageToAsync(customer);

        var received = MimeMessage.Parse(Encoding.Latin1.GetBytes(mail.Raw));
        Assert.Contains("Here it is.", received.Text, StringComparison.Ordinal);
        var file = Assert.Single(received.Attachments);
        Assert.Equal(("Receipt 42.pdf", "application/pdf"), (file.FileName, file.ContentType));
        Assert.Equal(pdf, file.Content);
    }

    [SmtpTheory, OnSqlite, OnPostgres]
    public async Task NotesAndChatReplies_AreNeverMailed(DatabaseProvider provider)
    {
        var (app, _) = await fixture.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        await CreateInboxAsync(workspace, "help@northwind.example");
        using var client = workspace.Client();
        var opened = await (await DeliverAsync(client, Mail("Ana <ana@customer.example>", "help@northwind.example", "Hi", "Hello")))
            .ExpectAsync(HttpStatusCode.Created);
        var emailConversation = opened.GetProperty("conversationId").GetGuid();
        var chatConversation = await ConversationData.CreateAsync(workspace);
        var log = (Guid id, string body, bool note) => workspace.InWorkspaceAsync(s => s.GetRequiredService<ConversationLog>().AppendAsync(id,
            new ConversationLog.NewMessage(MessageAuthor.Agent, body, workspace.Owner.Id, Private: note)));

        await log(emailConversation, "Internal: check the stock", true);
        await log(chatConversation, "Chat reply", false);
        var mailed = await log(emailConversation, "Public reply", false);

        await Eventually.HoldsAsync(() => workspace.QueryAsync(db => db.Outbox.AnyAsync(o => o.WorkspaceId == workspace.Id)), "the public reply to be queued");
        var queued = await workspace.QueryAsync(db => db.Outbox.Where(o => o.WorkspaceId == workspace.Id).Select(o => o.TextBody).ToListAsync());
        Assert.Equal(["Public reply"], queued);
        Assert.NotNull(await workspace.QueryAsync(db => db.ConversationMessages.Where(m => m.Id == mailed.Id).Select(m => m.EmailMessageId).SingleAsync()));
    }

    [SmtpTheory, OnSqlite, OnPostgres]
    public async Task Sweep_ReplyCommittedButNeverQueued_IsQueuedOnce(DatabaseProvider provider)
    {
        var (app, sink) = await fixture.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        await CreateInboxAsync(workspace, "help@northwind.example");
        using var client = workspace.Client();
        var customer = $"late-{Guid.NewGuid():N}@customer.example";
        var opened = await (await DeliverAsync(client, Mail($"Late <{customer}>", "help@northwind.example", "Late", "Hello?")))
            .ExpectAsync(HttpStatusCode.Created);
        var conversationId = opened.GetProperty("conversationId").GetGuid();
        // As if the process stopped right after the reply's commit: stored, but never handed to the mailer.
        await workspace.QueryAsync(async db =>
        {
            db.ConversationMessages.Add(new ConversationMessage
            {
                ConversationId = conversationId,
                Seq = 2,
                Author = MessageAuthor.Agent,
                AuthorUserId = workspace.Owner.Id,
                Body = "Sorry for the wait.",
                CreatedAt = DateTime.UtcNow.AddMinutes(-5),
            });
            return await db.SaveChangesAsync();
        });
        var sweep = app.Services.GetRequiredService<UnsentRepliesSweep>();

        await sweep.SweepAsync();
        await sweep.SweepAsync();
        var mail = await sink.WaitForMessageToAsync(customer);

        Assert.Equal("Re: Late", mail.Subject);
        Assert.Equal(1, await workspace.QueryAsync(db => db.Outbox.CountAsync(o => o.WorkspaceId == workspace.Id)));
    }
}
