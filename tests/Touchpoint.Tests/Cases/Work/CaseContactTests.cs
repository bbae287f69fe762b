using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Cases.Work;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Conversations.Email;
using Touchpoint.Tests.Infrastructure;
using Touchpoint.Tests.Surveys.Distribution;

namespace Touchpoint.Tests.Cases.Work;

/// <summary>Contacting the customer from a case, their reply threading back, the follow-up survey and the owner's notifications.</summary>
[Collection(AppCollection.Name)]
public sealed class CaseContactTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Contact_QueuesAnEmailWithTheReplyToken_AndTheCustomersReplyReopensTheResolvedCase(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        await EmailChannelData.CreateInboxAsync(workspace, "support@northwind.example");
        var email = $"ada-{Guid.NewGuid():N}@customer.example";
        var customer = await CaseData.CustomerAsync(workspace, "Ada", email);
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        var created = await CaseData.OpenAsync(client, new { title = "Parcel lost", customerId = customer, ownerId = agent.Id });
        var token = await workspace.QueryAsync(db => db.Cases.Select(c => c.ReplyToken).FirstAsync());

        var contacted = await CaseData.ActOkAsync(client, "1", new { action = "contact", subject = "Your parcel", body = "We are sorry; a new one is on its way." });

        Assert.Equal("waitingOnCustomer", contacted.GetString("status"));
        Assert.False(contacted.IsNull("firstContactAt"));
        Assert.Contains($"emailSent: Email to {email}: Your parcel\n\nWe are sorry; a new one is on its way.", CaseData.History(contacted));
        var queued = await workspace.QueryAsync(db => db.Outbox.Where(o => o.Recipient == email).ToListAsync());
        var mail = Assert.Single(queued);
        Assert.Equal("Your parcel", mail.Subject);
        var headers = JsonSerializer.Deserialize<Dictionary<string, string>>(mail.Headers!)!;
        Assert.Equal($"support+{token}@northwind.example", headers["Reply-To"]);
        Assert.Contains("support@northwind.example", headers["From"], StringComparison.Ordinal);

        // The customer answers: onto the case, back in progress, the owner told; no conversation is opened.
        var reply = EmailChannelData.Mail($"Ada <{email}>", $"support+{token}@northwind.example", "Re: Your parcel",
            "Thanks, but it still has not arrived.\n\nOn Mon, Nov 17, 2025 Northwind wrote:\n> We are sorry");
        using (var delivered = await EmailChannelData.DeliverAsync(client, reply))
        {
            var answer = await delivered.ExpectAsync(HttpStatusCode.Created);
            Assert.Equal(created.GetGuid("id"), answer.GetGuid("caseId"));
        }

        using (var again = await EmailChannelData.DeliverAsync(client, reply))
        {
            await again.ExpectAsync(HttpStatusCode.OK);
        }

        var afterReply = await client.GetJsonAsync("/api/v1/cases/1");
        Assert.Equal("inProgress", afterReply.GetString("status"));
        var received = Assert.Single(CaseData.History(afterReply), h => h.StartsWith("emailReceived", StringComparison.Ordinal));
        Assert.Contains("it still has not arrived", received, StringComparison.Ordinal);
        Assert.DoesNotContain("We are sorry", received, StringComparison.Ordinal);
        Assert.Equal(0, await workspace.QueryAsync(db => db.Conversations.CountAsync()));
        Assert.True(await workspace.QueryAsync(db => db.UserNotifications.AnyAsync(n => n.UserId == agent.Id && n.Title.StartsWith("The customer replied"))));

        // Resolved, then the customer writes again: the case reopens.
        await CaseData.ActOkAsync(client, "1", new { action = "resolve", rootCause = "carrier-lost", resolutionCode = "replacement" });
        using (var second = await EmailChannelData.DeliverAsync(client, EmailChannelData.Mail(email, $"support+{token}@northwind.example",
                   "Re: Your parcel", "It arrived broken.")))
        {
            await second.ExpectAsync(HttpStatusCode.Created);
        }

        var reopened = await client.GetJsonAsync("/api/v1/cases/1");
        Assert.Equal("inProgress", reopened.GetString("status"));
        Assert.Equal(1, reopened.GetProperty("reopenCount").GetInt32());
        Assert.Contains("reopened: Reopened (was resolved): the customer replied", CaseData.History(reopened));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Contact_WithoutACustomerEmail_SaysSo(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        await CaseData.OpenAsync(client, new { title = "Anonymous complaint" });

        using var response = await CaseData.ActAsync(client, "1", new { action = "contact", body = "Hello" });
        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "customer");
        using var empty = await CaseData.ActAsync(client, "1", new { action = "contact", body = "" });
        await Problem.AssertFieldAsync(empty, HttpStatusCode.BadRequest, "body");
        Assert.Equal(0, await workspace.QueryAsync(db => db.Outbox.CountAsync(o => o.WorkspaceId == workspace.Id)));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Resolve_WithAFollowUpSurvey_InvitesTheCustomer_AndTheContactRulesHoldTheNextOneBack(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        await client.SetRulesAsync(quarantineDays: 30);
        var survey = (await client.CreateSurveyAsync("csat", "After your case")).GetGuid("id");
        var customer = await CaseData.CustomerAsync(workspace, "Linus");
        await CaseData.OpenAsync(client, new { title = "Late refund", customerId = customer });
        await CaseData.OpenAsync(client, new { title = "No customer" });

        using (var unknown = await CaseData.ActAsync(client, "1", new { action = "resolve", rootCause = "a", resolutionCode = "b", followUpSurveyId = Guid.NewGuid() }))
        {
            await Problem.AssertFieldAsync(unknown, HttpStatusCode.BadRequest, "followUpSurveyId");
        }

        using (var noEmail = await CaseData.ActAsync(client, "2", new { action = "resolve", rootCause = "a", resolutionCode = "b", followUpSurveyId = survey }))
        {
            await Problem.AssertFieldAsync(noEmail, HttpStatusCode.BadRequest, "followUpSurveyId");
        }

        var resolved = await CaseData.ActOkAsync(client, "1", new { action = "resolve", rootCause = "finance-delay", resolutionCode = "refund", followUpSurveyId = survey });

        var followUp = resolved.GetProperty("followUp");
        Assert.NotEqual("suppressed", followUp.GetString("status"));
        var invitation = await workspace.QueryAsync(db => db.SurveyInvitations.AsNoTracking().SingleAsync());
        Assert.Equal(customer, invitation.CustomerId);
        Assert.Equal(invitation.Id, followUp.GetGuid("invitationId"));
        Assert.Contains(CaseData.History(resolved), h => h.StartsWith("followUpSent: Follow-up survey “After your case” sent to", StringComparison.Ordinal));

        // Reopened and resolved again within the quarantine: held back, and the history says why.
        await CaseData.ActOkAsync(client, "1", new { action = "reopen" });
        var again = await CaseData.ActOkAsync(client, "1", new { action = "resolve", rootCause = "finance-delay", resolutionCode = "refund", followUpSurveyId = survey });
        Assert.Equal("suppressed", again.GetProperty("followUp").GetString("status"));
        Assert.Contains(CaseData.History(again), h => h.StartsWith("followUpSent: Follow-up survey “After your case” held back by the contact rules: Quarantine", StringComparison.Ordinal));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Assigning_NotifiesTheNewOwner_InTheAppAndByEmail(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        await CaseData.OpenAsync(client, new { title = "Rude answer in store" });

        using var patched = await CaseData.PatchAsync(client, "1", new { ownerId = agent.Id });
        await patched.ExpectAsync(HttpStatusCode.OK);

        var notification = await workspace.QueryAsync(db => db.UserNotifications.AsNoTracking().SingleAsync(n => n.UserId == agent.Id));
        Assert.Equal("Case 1 is yours: Rude answer in store", notification.Title);
        Assert.Equal("/cases/1", notification.Link);
        Assert.Null(notification.ReadAt);
        var mail = await workspace.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.Recipient == agent.Email));
        Assert.Equal(notification.Title, mail.Subject);
        Assert.Contains("/cases/1", mail.TextBody, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task OwnersReplyInTheLinkedConversation_IsTheFirstContact(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        var customer = await CaseData.CustomerAsync(workspace);
        var conversation = await workspace.QueryAsync(async db =>
        {
            var inbox = new Inbox { Name = "Chat", WidgetKey = Guid.NewGuid().ToString("N"), IdentitySecret = "s", CreatedAt = DateTime.UtcNow };
            db.Inboxes.Add(inbox);
            var c = new Conversation
            {
                InboxId = inbox.Id,
                CustomerId = customer,
                Channel = Core.Journeys.Channel.Chat,
                ReplyToken = Guid.NewGuid().ToString("N")[..20],
                CreatedAt = DateTime.UtcNow,
                LastMessageAt = DateTime.UtcNow,
            };
            db.Conversations.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        var created = await CaseData.OpenAsync(client, new { title = "Angry chat", conversationId = conversation, ownerId = agent.Id });
        Assert.Equal(customer, created.GetProperty("customer").GetGuid("id"));
        await workspace.InWorkspaceAsync(services => services.GetRequiredService<ConversationLog>()
            .AppendAsync(conversation, new ConversationLog.NewMessage(MessageAuthor.Agent, "I am on it", agent.Id)));

        await fixture.App(provider).Services.GetRequiredService<ConversationFirstContact>().SweepAsync();

        var after = await client.GetJsonAsync("/api/v1/cases/1");
        Assert.False(after.IsNull("firstContactAt"));
    }
}
