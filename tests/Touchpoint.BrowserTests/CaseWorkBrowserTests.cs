using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Touchpoint.BrowserTests.Infrastructure;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.BrowserTests;

/// <summary>
/// An agent works a detractor's case from "My cases": a note, an email to the customer, a resolution
/// with its root cause, and the case leaves their list. The bell counts a new assignment live.
/// </summary>
public sealed class CaseWorkBrowserTests
{
    private const string HostileComment = "<img src=x onerror=alert('c')> late again";

    [ChromiumTheory, OnSqlite, OnPostgres]
    public async Task Agent_WorksTheirCaseFromMyCases_ToResolved_AndItLeavesTheList(DatabaseProvider provider)
    {
        // Arrange: a detractor's answer and a case about it, owned by the agent.
        await using var app = await BrowserApp.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app.Factory);
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        using var api = workspace.Client();
        using var createdCustomer = await api.PostAsJsonAsync("/api/v1/customers", new { externalId = "c-1", name = "Sam Detractor", email = "sam@example.com" });
        var customerId = (await createdCustomer.ExpectAsync(HttpStatusCode.Created)).GetGuid("id");
        var survey = (await api.CreateSurveyAsync("nps")).GetGuid("id");
        var response = await api.PostJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 2, comment = HostileComment, customerId }, HttpStatusCode.Created);
        await api.PostJsonAsync("/api/v1/cases", new { title = "Detractor: late again", responseId = response.GetInt64("id"), ownerId = agent.Id }, HttpStatusCode.Created);
        await api.PostJsonAsync("/api/v1/cases", new { title = "Somebody else's" }, HttpStatusCode.Created);

        var page = await app.NewPageAsync();
        await page.GotoAsync(app.Url("/signin"));
        await page.GetByLabel("Email").FillAsync(agent.Email!);
        await page.GetByLabel("Password").FillAsync(TestWorkspace.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // Act and assert: My cases lists only theirs; the bell counts the assignment.
        await page.GetByRole(AriaRole.Link, new() { Name = "Cases", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("tab-mine")).ToHaveTextAsync("My cases (1)");
        await Expect(page.GetByTestId("case-row")).ToHaveCountAsync(1);
        await Expect(page.Locator("#bell-count")).ToHaveTextAsync("1");

        // A second case assigned while the page is open rings the bell live.
        await api.PostJsonAsync("/api/v1/cases", new { title = "Another one", ownerId = agent.Id }, HttpStatusCode.Created);
        await Expect(page.Locator("#bell-count")).ToHaveTextAsync("2");

        await page.GetByRole(AriaRole.Link, new() { Name = "Detractor: late again" }).ClickAsync();
        await Expect(page.GetByTestId("opening-comment")).ToHaveTextAsync(HostileComment);
        await Expect(page.GetByTestId("customer-context")).ToContainTextAsync("Sam Detractor");

        await page.Locator("#note-body").FillAsync("Called Sam, no answer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(page.GetByTestId("history")).ToContainTextAsync("Called Sam, no answer");

        await page.Locator("#contact-body").FillAsync("Sorry for the delay, Sam. A voucher is on its way.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send email" }).ClickAsync();
        await Expect(page.GetByTestId("case-status")).ToHaveTextAsync("waitingOnCustomer");
        await Expect(page.GetByTestId("history")).ToContainTextAsync("Email to sam@example.com");

        await page.GetByLabel("Root cause").FillAsync("carrier-delay");
        await page.GetByLabel("Resolution code").FillAsync("voucher");
        await page.GetByRole(AriaRole.Button, new() { Name = "Resolve", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("case-status")).ToHaveTextAsync("resolved");
        await Expect(page.GetByTestId("case-root-cause")).ToHaveTextAsync("carrier-delay");

        await page.GetByRole(AriaRole.Link, new() { Name = "Cases", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("tab-mine")).ToHaveTextAsync("My cases (1)");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Detractor: late again" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Another one" })).ToHaveCountAsync(1);
    }
}
