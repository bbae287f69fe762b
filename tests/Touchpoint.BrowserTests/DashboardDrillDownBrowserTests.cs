using Microsoft.Playwright;
using Touchpoint.BrowserTests.Infrastructure;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;
using Touchpoint.Tests.Analytics.Dashboards;
using Touchpoint.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.BrowserTests;

/// <summary>A CX manager narrows the dashboard with the filter bar, then opens the responses behind a number.</summary>
public sealed class DashboardDrillDownBrowserTests
{
    [ChromiumTheory, OnSqlite, OnPostgres]
    public async Task Dashboard_FilterByChannelThenClickScore_ListsThoseResponsesWithChips(DatabaseProvider provider)
    {
        // Arrange: January 2026, 10 answers on web (5 promoters, 3 detractors: NPS 20) and 10 in chat (all promoters).
        await using var app = await BrowserApp.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app.Factory);
        var survey = await workspace.SurveyAsync();
        var checkout = await workspace.TouchPointAsync("Checkout on web");
        var chat = await workspace.TouchPointAsync("Live chat");
        await workspace.AnswersAsync(survey, SurveyMetric.Nps, DashboardData.Utc(2026, 1, 10), [10, 10, 10, 9, 9, 8, 7, 6, 5, 0], checkout.Id, Channel.Web);
        await workspace.AnswersAsync(survey, SurveyMetric.Nps, DashboardData.Utc(2026, 1, 20), [10, 10, 10, 10, 10, 10, 10, 10, 9, 9], chat.Id, Channel.Chat);
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.Url("/signin"));
        await page.GetByLabel("Email").FillAsync(workspace.Owner.Email!);
        await page.GetByLabel("Password").FillAsync(TestWorkspace.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync(app.Url("/?from=2026-01-01&to=2026-01-31"));
        // 15 promoters and 3 detractors of 20.
        await Expect(page.GetByTestId("nps-score")).ToHaveTextAsync("60");

        // Act: filter to the web channel with the filter bar.
        await page.GetByLabel("Channel", new() { Exact = true }).SelectOptionAsync("web");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        // Assert: the figure changes, the URL holds the filter, and the score opens exactly its 10 responses.
        await Expect(page.GetByTestId("nps-score")).ToHaveTextAsync("20");
        Assert.Contains("channel=web", page.Url, StringComparison.Ordinal);
        await page.GetByTestId("nps-score").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/responses\\?metric=nps"));
        await Expect(page.GetByTestId("responses-total")).ToHaveTextAsync("10 responses match.");
        await Expect(page.Locator("#responses-rows tr")).ToHaveCountAsync(10);
        var chips = page.GetByTestId("filter-chips");
        await Expect(chips).ToContainTextAsync("Channel: web");
        await Expect(chips).ToContainTextAsync("Metric: NPS");

        // Removing the channel chip widens the list to all 20 January answers.
        await page.GetByRole(AriaRole.Link, new() { Name = "Remove the channel filter" }).ClickAsync();
        await Expect(page.GetByTestId("responses-total")).ToHaveTextAsync("20 responses match.");
    }
}
