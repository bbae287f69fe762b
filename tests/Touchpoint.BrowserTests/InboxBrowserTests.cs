using System.Net;
using Microsoft.Playwright;
using Touchpoint.BrowserTests.Infrastructure;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.BrowserTests;

/// <summary>The agent inbox in a real browser: read a logged call, reply with a canned reply, assign to me, resolve.</summary>
public sealed class InboxBrowserTests
{
    private const string HostileMessage = "<img src=x onerror=alert(1)> where is my parcel?";

    [ChromiumTheory, OnSqlite, OnPostgres]
    public async Task Inbox_ReplyAssignResolve_ThreadShowsEachStepAsText(DatabaseProvider provider)
    {
        await using var app = await BrowserApp.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app.Factory);
        using var api = workspace.Client();
        var inbox = (await api.PostJsonAsync("/api/v1/inboxes", new { name = "Phone", assignment = "manual" }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        await api.PostJsonAsync("/api/v1/canned-replies", new { shortcut = "parcel", body = "Your parcel left our warehouse today." }, HttpStatusCode.Created);
        var id = (await api.PostJsonAsync("/api/v1/conversations", new
        {
            inboxId = inbox,
            channel = "phone",
            subject = "Parcel call",
            messages = new[] { new { author = "customer", body = HostileMessage } },
        }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.Url("/signin"));
        await page.GetByLabel("Email").FillAsync(workspace.Owner.Email!);
        await page.GetByLabel("Password").FillAsync(TestWorkspace.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GotoAsync(app.Url($"/inbox?view=unassigned&id={id}"));
        await Expect(page.Locator("#thread")).ToContainTextAsync(HostileMessage);
        await Expect(page.Locator("#thread img")).ToHaveCountAsync(0);
        await page.Locator("#body").FillAsync("/parc");
        await page.GetByRole(AriaRole.Button, new() { Name = "/parcel" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.Locator("#thread li.agent")).ToContainTextAsync("Your parcel left our warehouse today.");
        await Expect(page.Locator("#body")).ToHaveValueAsync("");

        await page.GetByTestId("assignee-select").SelectOptionAsync("me");
        await page.GetByTestId("status-select").SelectOptionAsync("resolved");
        await page.GetByTestId("apply").ClickAsync();

        await Expect(page.GetByTestId("status")).ToHaveTextAsync("resolved");
        await Expect(page.GetByTestId("assignee")).Not.ToHaveTextAsync("nobody");
        await Expect(page.Locator("#thread li.system")).ToContainTextAsync(["assigned this to", "Resolved by"]);
    }
}
