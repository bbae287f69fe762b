using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Touchpoint.BrowserTests.Infrastructure;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Conversations.Chat;
using Touchpoint.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.BrowserTests;

/// <summary>
/// Two browsers, two people: a visitor in the widget on a customer's site (another origin) and a
/// signed-in agent in the inbox. Messages go both ways live and show as text on both sides; the
/// agent resolves and the visitor rates in the widget; a file the visitor sends reaches the inbox.
/// </summary>
public sealed class ChatInboxBrowserTests
{
    private const string HostileVisitorText = "<script>alert('visitor')</script> still waiting";
    private const string HostileAgentText = "<img src=x onerror=alert('agent')> it ships today";

    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private sealed record Arranged(BrowserApp App, TestWorkspace Workspace, Inbox Inbox, LocalServer Site) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Site.DisposeAsync();
            await App.DisposeAsync();
        }
    }

    private static async Task<Arranged> ArrangeAsync(DatabaseProvider provider)
    {
        var app = await BrowserApp.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app.Factory);
        var inbox = await ChatData.InboxAsync(workspace, i => i.CsatEnabled = true);
        await ChatData.AgentAsync(workspace, inbox, workspace.Owner.Id);
        var html = $"""
            <!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>Our shop</h1>
            <script src="{app.Url("/chat/widget.js")}" data-inbox="{inbox.WidgetKey}" async></script></body></html>
            """;
        var site = await LocalServer.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(html);
        });
        return new Arranged(app, workspace, inbox, site);
    }

    /// <summary>The visitor's first message from the widget; answers the conversation it started.</summary>
    private static async Task<(IPage Page, ILocator Widget, Guid ConversationId)> VisitorStartsAsync(Arranged a, string text)
    {
        var page = await a.App.NewPageAsync();
        await page.GotoAsync(a.Site.BaseUrl + "/shop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open chat" }).ClickAsync();
        await page.Locator("#tp-message").FillAsync(text);
        await page.Locator("#tp-message").PressAsync("Enter");
        var widget = page.Locator("#touchpoint-chat");
        await Expect(widget.Locator(".msg.customer:not(.pending)")).ToHaveTextAsync(text);
        var id = await a.Workspace.QueryAsync(db => db.Conversations.Where(c => c.InboxId == a.Inbox.Id).Select(c => c.Id).SingleAsync());
        return (page, widget, id);
    }

    /// <summary>The agent, signed in in a browser context of their own, with the conversation open and live.</summary>
    private static async Task<IPage> AgentOpensAsync(Arranged a, Guid conversationId)
    {
        var page = await a.App.NewPageAsync();
        await page.GotoAsync(a.App.Url("/signin"));
        await page.GetByLabel("Email").FillAsync(a.Workspace.Owner.Email!);
        await page.GetByLabel("Password").FillAsync(TestWorkspace.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync(a.App.Url($"/inbox?view=open&id={conversationId}"));
        await Expect(page.Locator("#inbox")).ToHaveAttributeAsync("data-live", "true");
        return page;
    }

    [ChromiumTheory, OnSqlite, OnPostgres]
    public async Task WidgetAndInbox_ExchangeMessagesLiveAsText_ThenTheVisitorRatesTheResolvedChat(DatabaseProvider provider)
    {
        await using var a = await ArrangeAsync(provider);
        var (visitor, widget, id) = await VisitorStartsAsync(a, "Hello, anyone there?");
        var agent = await AgentOpensAsync(a, id);

        // Visitor → agent, live, as text.
        await visitor.Locator("#tp-message").FillAsync(HostileVisitorText);
        await visitor.Locator("#tp-message").PressAsync("Enter");
        await Expect(agent.Locator("#thread li.customer .body").Last).ToHaveTextAsync(HostileVisitorText);

        // Agent → visitor through the inbox's composer, live, as text.
        await agent.Locator("#body").FillAsync(HostileAgentText);
        await agent.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(widget.Locator(".msg.agent")).ToHaveTextAsync(HostileAgentText);
        await Expect(agent.Locator("#thread li.agent .body").Last).ToHaveTextAsync(HostileAgentText);
        await Expect(widget.Locator("img")).ToHaveCountAsync(0);
        await Expect(agent.Locator("#thread img, #thread script")).ToHaveCountAsync(0);

        // The agent resolves; the widget asks for a rating.
        await agent.GetByTestId("assignee-select").SelectOptionAsync("me");
        await agent.GetByTestId("status-select").SelectOptionAsync("resolved");
        await agent.GetByTestId("apply").ClickAsync();
        await Expect(agent.GetByTestId("status")).ToHaveTextAsync("resolved");
        await Expect(widget.GetByText("How was this conversation?")).ToBeVisibleAsync();
        await Expect(widget.Locator("#tp-message")).ToBeVisibleAsync();

        // Without a choice the widget says what is missing; then 4 with a comment, keyboard only.
        await widget.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
        await Expect(widget.GetByText("Choose a rating from 1 to 5.")).ToBeVisibleAsync();
        await widget.GetByRole(AriaRole.Button, new() { Name = "4 of 5, satisfied" }).FocusAsync();
        await visitor.Keyboard.PressAsync("Enter");
        await Expect(widget.GetByRole(AriaRole.Button, new() { Name = "4 of 5, satisfied" })).ToHaveAttributeAsync("aria-pressed", "true");
        await widget.GetByLabel("Comment (optional)").FillAsync("Quick and kind <b>thanks</b>");
        await widget.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();

        await Expect(widget.GetByText("Thank you for your feedback!")).ToBeVisibleAsync();
        await Expect(widget.GetByText("How was this conversation?")).ToHaveCountAsync(0);
        using var api = a.Workspace.Client();
        var stored = await api.GetJsonAsync($"/api/v1/conversations/{id}");
        Assert.Equal(4, stored.GetProperty("csatScore").GetInt32());
        Assert.Equal("Quick and kind <b>thanks</b>", stored.GetProperty("csatComment").GetString());
        Assert.Equal(a.Workspace.Owner.Id, stored.GetProperty("csatAgentId").GetGuid());
        await Expect(agent.Locator("#thread li.system").Last).ToContainTextAsync("Rated 4/5");
    }

    [ChromiumTheory, OnSqlite, OnPostgres]
    public async Task Widget_VisitorSendsAFile_TheInboxShowsItLiveAndMembersDownloadIt(DatabaseProvider provider)
    {
        await using var a = await ArrangeAsync(provider);
        var (visitor, widget, id) = await VisitorStartsAsync(a, "I have a receipt");
        var agent = await AgentOpensAsync(a, id);
        var folder = Directory.CreateTempSubdirectory("touchpoint-widget-");
        try
        {
            var png = Path.Combine(folder.FullName, "receipt.png");
            var page = Path.Combine(folder.FullName, "page.html");
            await File.WriteAllBytesAsync(png, Png);
            await File.WriteAllTextAsync(page, "<script>alert(1)</script>");

            // A type the server refuses: its reason shows in the panel and nothing is sent.
            await widget.Locator("#tp-file").SetInputFilesAsync(page);
            await visitor.Locator("#tp-message").PressAsync("Enter");
            await Expect(widget.GetByRole(AriaRole.Alert).First).ToContainTextAsync("This type of file cannot be sent");
            await widget.GetByRole(AriaRole.Button, new() { Name = "Remove the file" }).ClickAsync();

            await widget.Locator("#tp-file").SetInputFilesAsync(png);
            await Expect(widget.Locator(".pending-file")).ToContainTextAsync("receipt.png");
            await visitor.Locator("#tp-message").FillAsync("Here it is");
            await visitor.Locator("#tp-message").PressAsync("Enter");

            var inWidget = widget.Locator(".msg.customer:not(.pending) a", new() { HasText = "receipt.png" });
            await Expect(inWidget).ToBeVisibleAsync();
            await Expect(widget.Locator(".msg.customer img[alt='receipt.png']")).ToHaveCountAsync(1);
            await Expect(widget.Locator(".pending-file")).ToBeHiddenAsync();
            var link = agent.Locator("#thread li.customer a", new() { HasText = "receipt.png" });
            await Expect(link).ToBeVisibleAsync();
            var href = await link.GetAttributeAsync("href");
            var download = await agent.Context.APIRequest.GetAsync(a.App.Url(href!));
            Assert.Equal((int)HttpStatusCode.OK, download.Status);
            Assert.Equal(Png, await download.BodyAsync());

            // The inbox shows the file again when the page is loaded afresh.
            await agent.ReloadAsync();
            await Expect(link).ToHaveAttributeAsync("href", href!);

            // The visitor's own link opens the same bytes with their token.
            var visitorHref = await inWidget.GetAttributeAsync("href");
            var visitorDownload = await visitor.Context.APIRequest.GetAsync(visitorHref!);
            Assert.Equal(Png, await visitorDownload.BodyAsync());
            Assert.Equal(1, await a.Workspace.QueryAsync(db => db.MessageAttachments.CountAsync(f => f.ConversationId == id && f.MessageId != null)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
