using System.Net;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Text.Storage;
using Touchpoint.Tests.Conversations.AgentInbox;
using Touchpoint.Tests.Conversations.Chat;
using Touchpoint.Tests.Infrastructure;
using static Touchpoint.Tests.Conversations.Email.EmailChannelData;

namespace Touchpoint.Tests.TextAnalysis.Ingest;

/// <summary>What customers write in chat and email is analysed as it arrives; agents' words and notes are not.</summary>
[Collection(AppCollection.Name)]
public sealed class MessageIngestTests(AppFixture fixture)
{
    private const string Angry = ResponseIngestTests.Angry;

    [Theory, OnSqlite, OnPostgres]
    public async Task ChatMessage_ViaTheHub_IsAnalysedOnceAndTheAgentSeesItLive_TheVisitorDoesNot(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var inbox = await ChatData.InboxAsync(workspace);
        var chat = await ChatData.StartAsync(workspace, inbox);
        await using var visitor = await HubTestClient.VisitorAsync(workspace.App, chat.ConversationId, chat.VisitorToken);
        await using var agent = await HubTestClient.AgentAsync(workspace.App, workspace.Owner.Email!);

        var sent = await visitor.InvokeAsync("Send", chat.ConversationId, "c-1", Angry);
        var resent = await visitor.InvokeAsync("Send", chat.ConversationId, "c-1", Angry);
        var atAgent = await agent.NextAsync("message", m => m.GetProperty("seq").GetInt64() == 1);
        var reply = await agent.InvokeAsync("Send", chat.ConversationId, "a-1", "I am so sorry, that is terrible. I will cancel the charge.");

        Assert.Equal(sent.GetInt64("id"), resent.GetInt64("id"));
        Assert.False(sent.TryGetProperty("analysis", out _), "The customer is not shown the analysis of their own words.");
        var analysis = atAgent.GetProperty("analysis");
        Assert.Equal("negative", analysis.GetProperty("sentiment").GetString("label"));
        Assert.Contains(analysis.GetProperty("intents").EnumerateArray(), i => i.GetString("name") == "churn");
        Assert.False(reply.TryGetProperty("analysis", out _));
        var stored = await workspace.QueryAsync(db => db.AnalyzedTexts.Include(t => t.Labels).ToListAsync());
        var row = Assert.Single(stored);
        Assert.Equal((sent.GetInt64("id"), TextSource.Message, chat.ConversationId), (row.MessageId, row.Source, row.ConversationId));
        Assert.Contains(row.Labels, l => l is { Kind: TextLabelKind.Signal, Value: "churn" });

        var caughtUp = await agent.InvokeAsync("Since", chat.ConversationId, 0);
        Assert.Equal("negative", caughtUp[0].GetProperty("analysis").GetProperty("sentiment").GetString("label"));
        Assert.False(caughtUp[1].TryGetProperty("analysis", out _));
        var visitorCatchUp = await visitor.InvokeAsync("Since", chat.ConversationId, 0);
        Assert.All(visitorCatchUp.EnumerateArray(), m => Assert.False(m.TryGetProperty("analysis", out _)));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task InboundEmail_FromACustomer_IsAnalysedAndListedWithItsAnalysis(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        await CreateInboxAsync(workspace, "help@northwind.example");
        using var client = workspace.Client();

        var delivered = await (await DeliverAsync(client, Mail("Ana <ana@customer.example>", "help@northwind.example", "Refund", Angry)))
            .ExpectAsync(HttpStatusCode.Created);
        var conversationId = delivered.GetProperty("conversationId").GetGuid();
        await client.PostJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { body = "This is awful, sorry. Cancelled." }, HttpStatusCode.Created);
        await client.PostJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { body = "Customer is furious", @private = true },
            HttpStatusCode.Created);

        var row = await workspace.QueryAsync(db => db.AnalyzedTexts.SingleAsync());
        Assert.Equal(delivered.GetInt64("messageId"), row.MessageId);
        Assert.NotNull(row.CustomerId);
        Assert.Equal("negative", row.SentimentLabel);
        var listed = (await client.GetJsonAsync($"/api/v1/conversations/{conversationId}/messages")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, listed.Count);
        Assert.Equal("negative", listed[0].GetProperty("analysis").GetProperty("sentiment").GetString("label"));
        Assert.All(listed.Skip(1), m => Assert.False(m.TryGetProperty("analysis", out _)));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task InboxPage_ShowsEachCustomerMessagesSentimentAndSignals_Encoded(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        const string Hostile = "<script>alert('x')</script> I will cancel my subscription, this is terrible.";
        var id = (await InboxTestData.LogConversationAsync(client, await InboxTestData.CreateInboxAsync(client), Hostile)).GetProperty("id").GetGuid();
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (response, html) = await session.GetAsync($"/inbox?view=unassigned&id={id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("class=\"sentiment-dot negative\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"message-signal\" title=\"cancel my subscription\">churn</span>", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"customer-sentiment\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
    }
}
