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
/// The whole loop as the issue tells it: a detractor answers, an alert rule opens a case for the agent who
/// served them, and the agent, from the case page, gives a credit within their own authority (no manager
/// asked), sees the SLA clock, and resolves the case with its root cause.
/// </summary>
public sealed class CloseTheLoopBrowserTests
{
    private const string Comment = "<b>Parcel</b> arrived broken & nobody called back";

    [ChromiumTheory, OnSqlite, OnPostgres]
    public async Task Agent_ResolvesADetractorsCase_WithinTheirAuthority(DatabaseProvider provider)
    {
        // Arrange: agents may give 50 of credit; urgent-enough targets; a rule for detractors, owned by the agent who served them.
        await using var app = await BrowserApp.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app.Factory);
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        using var api = workspace.Client();
        await PutAsync(api, "/api/v1/authority-limits", new { limits = new[] { new { role = "agent", kind = "credit", maxAmount = 50m } } });
        await PutAsync(api, "/api/v1/sla-policies", new { policies = new[] { new { priority = "high", firstResponseMinutes = 240, resolutionMinutes = 2880 } } });
        await api.PostJsonAsync("/api/v1/alert-rules", new
        {
            name = "Detractor follow-up",
            trigger = "response",
            conditions = new[] { new { kind = "score", metric = "nps", min = 0, max = 6 } },
            priority = "high",
            assignment = "handlingAgent",
        }, HttpStatusCode.Created);
        var customer = await api.PostJsonAsync("/api/v1/customers", new { externalId = "d-1", name = "Dana Detractor", email = "dana@example.com" }, HttpStatusCode.Created);
        var survey = (await api.CreateSurveyAsync("nps")).GetGuid("id");

        // Act 1: the detractor answers, served by the agent; the rule opens the case for them after commit.
        await api.PostJsonAsync($"/api/v1/surveys/{survey}/responses",
            new { score = 3, comment = Comment, customerId = customer.GetGuid("id"), agent = agent.Email }, HttpStatusCode.Created);
        await Eventually.HoldsAsync(async () =>
        {
            var mine = await api.GetJsonAsync($"/api/v1/cases?owner={agent.Id}");
            return mine.GetProperty("items").GetArrayLength() == 1;
        }, "the rule to open the detractor's case for the agent");

        var page = await app.NewPageAsync();
        await page.GotoAsync(app.Url("/signin"));
        await page.GetByLabel("Email").FillAsync(agent.Email!);
        await page.GetByLabel("Password").FillAsync(TestWorkspace.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // Act 2: the agent opens it from My cases: the customer's words stay text, the SLA clock runs.
        await page.GotoAsync(app.Url("/cases"));
        await Expect(page.GetByTestId("case-row")).ToHaveCountAsync(1);
        await page.GetByTestId("case-row").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("opening-comment")).ToHaveTextAsync(Comment);
        await Expect(page.GetByTestId("customer-context")).ToContainTextAsync("Dana Detractor");
        await Expect(page.GetByTestId("sla-clock")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=opening-comment] b")).ToHaveCountAsync(0);

        // Act 3: a 40 EUR credit, within the agent's 50: granted at once, back on the case page.
        await page.GetByLabel("Kind").FillAsync("credit");
        await page.GetByLabel("Amount").FillAsync("40");
        await page.GetByLabel("Currency").FillAsync("EUR");
        await page.GetByRole(AriaRole.Button, new() { Name = "Give remedy" }).ClickAsync();
        await Expect(page.GetByTestId("case-title")).ToBeVisibleAsync();
        await Expect(page.Locator("table.remedies tbody tr .remedy-status")).ToHaveTextAsync("granted");

        // Act 4: resolved with its root cause; the case leaves My cases.
        await page.GetByLabel("Root cause").FillAsync("damaged-in-transit");
        await page.GetByLabel("Resolution code").FillAsync("credit-given");
        await page.GetByRole(AriaRole.Button, new() { Name = "Resolve", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("case-status")).ToHaveTextAsync("resolved");
        await Expect(page.GetByTestId("history")).ToContainTextAsync("Granted");

        await page.GotoAsync(app.Url("/cases"));
        await Expect(page.GetByTestId("case-row")).ToHaveCountAsync(0);
    }

    private static async Task PutAsync(HttpClient api, string url, object body)
    {
        using var response = await api.PutAsJsonAsync(url, body);
        await response.ExpectAsync(HttpStatusCode.OK);
    }
}
