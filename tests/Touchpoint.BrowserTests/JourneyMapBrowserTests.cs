using System.Net;
using Microsoft.Playwright;
using Touchpoint.BrowserTests.Infrastructure;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.BrowserTests;

/// <summary>The journey map as an analyst uses it: a touch point's score, and the responses behind it one click away.</summary>
public sealed class JourneyMapBrowserTests
{
    [ChromiumTheory, OnSqlite, OnPostgres]
    public async Task JourneyMap_TouchPointScore_LinksToTheResponsesBehindIt(DatabaseProvider provider)
    {
        // Arrange: a journey with a touch point that has ten NPS answers and one with two.
        await using var app = await BrowserApp.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app.Factory);
        using var api = workspace.Client();
        var journey = await api.PostJsonAsync("/api/v1/journeys", new
        {
            name = "Store <i>visit</i>",
            stages = new[]
            {
                new { name = "arrive", touchPoints = new[] { new { name = "Door greeter", channel = "store" } } },
                new { name = "pay", touchPoints = new[] { new { name = "Till <b>1</b>", channel = "store" } } },
            },
        }, HttpStatusCode.Created);
        var stages = journey.GetProperty("stages");
        var till = stages[1].GetProperty("touchPoints")[0].GetGuid("id");
        var greeter = stages[0].GetProperty("touchPoints")[0].GetGuid("id");
        var survey = (await api.CreateSurveyAsync("nps", "Store NPS")).GetGuid("id");
        foreach (var score in new[] { 10, 10, 10, 10, 9, 8, 7, 6, 2, 0 })
        {
            await api.PostJsonAsync($"/api/v1/surveys/{survey}/responses", new { score, touchPointId = till, comment = $"till said {score}" },
                HttpStatusCode.Created);
        }

        await api.PostJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 10, touchPointId = greeter, comment = "greeter" }, HttpStatusCode.Created);
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.Url("/signin"));
        await page.GetByLabel("Email").FillAsync(workspace.Owner.Email!);
        await page.GetByLabel("Password").FillAsync(TestWorkspace.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // Act: open the journey map from the journeys list.
        await page.GotoAsync(app.Url("/journeys"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Journey map with scores and funnel" }).Last.ClickAsync();
        var tillCard = page.GetByRole(AriaRole.Article, new() { Name = "Till <b>1</b>" });

        // Assert: 5 promoters, 3 detractors of 10: NPS 20, margin 1.96 x 100 x sqrt((0.8 - 0.04) / 10) = 54.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Store <i>visit</i>", Level = 1 })).ToBeVisibleAsync();
        await Expect(tillCard.GetByTestId("touchpoint-score")).ToHaveTextAsync("20");
        await Expect(tillCard.GetByText("± 54 · n = 10")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Article, new() { Name = "Door greeter" }).GetByTestId("touchpoint-score")).ToContainTextAsync("Too few answers");

        // The score leads to exactly the ten answers at the till.
        await tillCard.GetByTestId("touchpoint-score").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/responses\\?touchpoint={till}"));
        await Expect(page.GetByText("till said 2")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Row)).ToHaveCountAsync(11);
        await Expect(page.GetByText("greeter", new() { Exact = true })).ToHaveCountAsync(0);
    }
}
