using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Touchpoint.BrowserTests.Infrastructure;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Tests.Conversations.Chat;
using Touchpoint.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.BrowserTests;

/// <summary>
/// The chat widget on a customer's site (a page on another origin with the one script tag) talking to
/// an agent connected to the hub: messages both ways, shown as text, kept across a reload; and the
/// offline form when no one is there.
/// </summary>
public sealed class ChatWidgetBrowserTests
{
    private static async Task<(BrowserApp App, TestWorkspace Workspace, Inbox Inbox, LocalServer Site)> ArrangeAsync(DatabaseProvider provider,
        bool agentOnline)
    {
        var app = await BrowserApp.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app.Factory);
        var inbox = await ChatData.InboxAsync(workspace, i => i.Greeting = "Hi! How can we help?");
        if (agentOnline)
        {
            await ChatData.AgentAsync(workspace, inbox, workspace.Owner.Id);
        }

        var html = $"""
            <!doctype html><html lang="en"><head><title>Shop</title><style>div{"{"}color:red !important;font-size:40px{"}"}</style></head>
            <body><h1>Our shop</h1>
            <script src="{app.Url("/chat/widget.js")}" data-inbox="{inbox.WidgetKey}" async></script></body></html>
            """;
        var site = await LocalServer.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(html);
        });
        return (app, workspace, inbox, site);
    }

    [ChromiumTheory, OnSqlite, OnPostgres]
    public async Task Widget_VisitorAndAgent_ExchangeMessagesAsTextAndAReloadKeepsTheChat(DatabaseProvider provider)
    {
        var (app, workspace, inbox, site) = await ArrangeAsync(provider, agentOnline: true);
        await using var _ = app;
        await using var __ = site;
        var page = await app.NewPageAsync();
        await page.GotoAsync(site.BaseUrl + "/shop");

        await page.GetByRole(AriaRole.Button, new() { Name = "Open chat" }).ClickAsync();
        await Expect(page.GetByText("Hi! How can we help?")).ToBeVisibleAsync();
        await page.Locator("#tp-message").FillAsync("Where is my parcel?");
        await page.Locator("#tp-message").PressAsync("Enter");
        var id = (Guid)await Eventually.ReturnsAsync<object>(async () => await workspace.QueryAsync(db => db.Conversations
            .Where(c => c.InboxId == inbox.Id && c.LastSeq >= 1).Select(c => (Guid?)c.Id).FirstOrDefaultAsync()), "the visitor's first message");

        await using var agent = await HubTestClient.AgentAsync(app.BaseUrl, workspace.Owner.Email!);
        const string reply = "<img src=x onerror=alert(1)> Track it at https://example.com/track?id=7";
        await agent.InvokeAsync("Send", id, "a-1", reply);

        var widget = page.Locator("#touchpoint-chat");
        await Expect(widget.Locator(".msg.agent")).ToHaveTextAsync(reply);
        await Expect(widget.Locator("img")).ToHaveCountAsync(0);
        var link = widget.GetByRole(AriaRole.Link, new() { Name = "https://example.com/track?id=7" });
        await Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer");
        await Expect(widget.Locator(".msg.customer")).ToHaveTextAsync("Where is my parcel?");

        // The agent read the visitor's message: the widget says so; the visitor typing reaches the agent.
        // (Its number is not 1: the automatic assignment left an internal note first.)
        var visitorSeq = await workspace.QueryAsync(db => db.ConversationMessages
            .Where(m => m.ConversationId == id && m.Author == MessageAuthor.Customer).Select(m => m.Seq).SingleAsync());
        await agent.InvokeAsync("Read", id, visitorSeq);
        await Expect(widget.GetByText("Seen", new() { Exact = true })).ToBeVisibleAsync();
        await page.Locator("#tp-message").PressSequentiallyAsync("Thanks");
        Assert.Equal("customer", (await agent.NextAsync("typing")).GetProperty("author").GetString());

        // A reload continues the same conversation with its whole history, in order.
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Open chat" }).ClickAsync();
        await Expect(page.Locator("#touchpoint-chat .msg:not(.greeting)")).ToHaveTextAsync(["Where is my parcel?", reply]);
        await Expect(widget.GetByText("Seen", new() { Exact = true })).ToBeVisibleAsync();
        await page.Locator("#tp-message").FillAsync("Got it 👍");
        await page.Locator("#tp-message").PressAsync("Enter");
        var third = await agent.NextAsync("message", m => m.GetProperty("author").GetString() == "customer"
            && m.GetProperty("seq").GetInt64() > visitorSeq);
        Assert.Equal("Got it 👍", third.GetProperty("body").GetString());
        Assert.Equal(1, await workspace.QueryAsync(db => db.Conversations.CountAsync(c => c.InboxId == inbox.Id)));
    }

    [ChromiumTheory, OnSqlite, OnPostgres]
    public async Task Widget_MissesLiveMessagesThenReconnects_ShowsEveryMissedMessageInOrder(DatabaseProvider provider)
    {
        var (app, workspace, inbox, site) = await ArrangeAsync(provider, agentOnline: true);
        await using var _ = app;
        await using var __ = site;
        var page = await app.NewPageAsync();
        // Between the widget and the hub: can swallow the hub's live pushes, and cut the connection.
        var line = new HubLine();
        await page.RouteWebSocketAsync(url => url.Contains("/hubs/conversations", StringComparison.Ordinal), ws =>
        {
            var server = ws.ConnectToServer();
            line.Server = server;
            ws.OnMessage(frame => server.Send(frame.Text ?? ""));
            server.OnMessage(frame =>
            {
                if (line.Swallowing && (frame.Text ?? "").Contains("\"target\":\"message\"", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref line.Swallowed);
                    return;
                }

                ws.Send(frame.Text ?? "");
            });
        });
        await page.GotoAsync(site.BaseUrl + "/shop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open chat" }).ClickAsync();
        await page.Locator("#tp-message").FillAsync("Hello?");
        await page.Locator("#tp-message").PressAsync("Enter");
        var widget = page.Locator("#touchpoint-chat");
        await Expect(widget.Locator(".msg.customer:not(.pending)")).ToHaveTextAsync("Hello?");
        var id = await workspace.QueryAsync(db => db.Conversations.Where(c => c.InboxId == inbox.Id).Select(c => c.Id).SingleAsync());
        await using var agent = await HubTestClient.AgentAsync(app.BaseUrl, workspace.Owner.Email!);

        // The pushes of five replies are lost on the way (as on a flaky mobile network)...
        line.Swallowing = true;
        var replies = Enumerable.Range(1, 5).Select(i => $"Reply {i}").ToList();
        foreach (var reply in replies)
        {
            await agent.InvokeAsync("Send", id, reply, reply);
        }

        await Eventually.HoldsAsync(() => Task.FromResult(Volatile.Read(ref line.Swallowed) >= replies.Count), "the five pushes swallowed");
        await Expect(widget.Locator(".msg.agent")).ToHaveCountAsync(0);

        // ...then the connection drops; the widget reconnects by itself and asks for what it missed.
        line.Swallowing = false;
        await line.Server!.CloseAsync();

        await Expect(widget.Locator(".msg.agent")).ToHaveTextAsync(replies.ToArray());
    }

    /// <summary>The state of the routed hub connection, shared with Playwright's callbacks.</summary>
    private sealed class HubLine
    {
        public volatile bool Swallowing;
        public int Swallowed;
        public IWebSocketRoute? Server;
    }

    [ChromiumTheory, OnSqlite, OnPostgres]
    public async Task Widget_NoAgentOnline_SaysSoAndTakesAMessageThatContinuesByEmail(DatabaseProvider provider)
    {
        var (app, workspace, inbox, site) = await ArrangeAsync(provider, agentOnline: false);
        await using var _ = app;
        await using var __ = site;
        var page = await app.NewPageAsync();
        await page.GotoAsync(site.BaseUrl + "/shop");

        await page.GetByRole(AriaRole.Button, new() { Name = "Open chat" }).ClickAsync();
        await Expect(page.GetByText("No one is available to chat right now.", new() { Exact = false })).ToBeVisibleAsync();
        // The offline form stands alone: no chat composer, file or emoji button below it.
        await Expect(page.Locator("#tp-message")).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Attach a file" })).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Insert emoji" })).ToBeHiddenAsync();
        await page.Locator("#tp-off-email").FillAsync("ada@example.com");
        await page.Locator("#tp-off-message").FillAsync("Please call me about order 123 <b>now</b>");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();

        await Expect(page.GetByText("Thank you! We received your message", new() { Exact = false })).ToBeVisibleAsync();
        var conversation = await workspace.QueryAsync(db => db.Conversations.SingleAsync(c => c.InboxId == inbox.Id));
        Assert.Equal((Channel.Email, "ada@example.com"), (conversation.Channel, conversation.ContactEmail));
        Assert.Equal("Please call me about order 123 <b>now</b>", await workspace.QueryAsync(db => db.ConversationMessages
            .Where(m => m.ConversationId == conversation.Id).Select(m => m.Body).SingleAsync()));
    }
}
