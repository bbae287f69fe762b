using System.Net;
using Microsoft.Playwright;
using Touchpoint.BrowserTests.Infrastructure;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.BrowserTests;

/// <summary>The feedback loop as people use it: an analyst signs in, creates a survey, a customer answers, the dashboard shows NPS.</summary>
public sealed class NpsLoopBrowserTests
{
    private const string HostileComment = "<script>alert('x')</script> too slow";

    [ChromiumTheory, OnSqlite, OnPostgres]
    public async Task Dashboard_AfterSignInSurveyAndAnswers_ShowsNpsWithMarginOfError(DatabaseProvider provider)
    {
        // Arrange: a workspace and its owner.
        await using var app = await BrowserApp.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app.Factory);
        var page = await app.NewPageAsync();

        // Act: sign in through the form.
        await page.GotoAsync(app.Url("/"));
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        await page.GetByLabel("Email").FillAsync(workspace.Owner.Email!);
        await page.GetByLabel("Password").FillAsync(TestWorkspace.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByText("No feedback yet")).ToBeVisibleAsync();

        // Create an NPS survey in the UI and read its public link.
        await page.GetByRole(AriaRole.Link, new() { Name = "Surveys" }).First.ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Relationship NPS");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create survey" }).ClickAsync();
        var publicUrl = (await page.GetByTestId("public-url").TextContentAsync())!.Trim();
        var surveyId = page.Url.Split('/').Last();

        // Nine answers arrive through the API; the tenth is given by a customer on the public page.
        using var api = workspace.Client();
        foreach (var score in new[] { 10, 10, 10, 9, 9, 8, 7, 6, 5 })
        {
            await api.PostJsonAsync($"/api/v1/surveys/{surveyId}/responses", new { score }, HttpStatusCode.Created);
        }

        var customer = await app.NewPageAsync(new() { ViewportSize = new() { Width = 400, Height = 800 } });
        await customer.GotoAsync(publicUrl);
        await customer.GetByRole(AriaRole.Radio, new() { Name = "2", Exact = true }).CheckAsync();
        await customer.Locator("#comment").FillAsync(HostileComment);
        await customer.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(customer.GetByText("Thank you!")).ToBeVisibleAsync();

        // Assert: promoters 5, detractors 3 of 10: NPS = 20, margin 1.96 x 100 x sqrt((0.8 - 0.04) / 10) = 54.
        await page.GotoAsync(app.Url("/"));
        await Expect(page.GetByTestId("nps-score")).ToHaveTextAsync("20");
        await Expect(page.GetByText("± 54 at 95% confidence · n = 10")).ToBeVisibleAsync();
        await Expect(page.Locator("#nps-trend")).ToBeVisibleAsync();

        // The customer's comment is shown as text, never run as markup.
        await page.GetByRole(AriaRole.Link, new() { Name = "Responses" }).First.ClickAsync();
        await Expect(page.GetByText(HostileComment)).ToBeVisibleAsync();
    }
}
