using System.Net;
using Microsoft.Playwright;
using Touchpoint.BrowserTests.Infrastructure;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.BrowserTests;

/// <summary>The customer-facing survey page: small, and usable with JavaScript off and by keyboard.</summary>
public sealed class PublicSurveyBrowserTests
{
    [ChromiumTheory, OnSqlite, OnPostgres]
    public async Task PublicSurvey_WithJavaScriptOff_IsSmallAndTakesAnAnswerByKeyboard(DatabaseProvider provider)
    {
        await using var app = await BrowserApp.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app.Factory);
        using var api = workspace.Client();
        var survey = await api.PostJsonAsync("/api/v1/surveys", new { name = "Checkout CSAT", metric = "csat" }, HttpStatusCode.Created);
        var page = await app.NewPageAsync(new() { JavaScriptEnabled = false });

        var response = await page.GotoAsync(survey.GetProperty("publicUrl").GetString()!);
        var html = await response!.BodyAsync();
        Assert.True(html.Length < 50 * 1024, $"The survey page is {html.Length} bytes; it must stay under 50 KB.");
        Assert.Equal(0, await page.Locator("script").CountAsync());

        // Keyboard only: tab to the scale, arrow to a value, tab on to the comment, then send.
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "4", Exact = true })).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Easy checkout");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.GetByText("Thank you!")).ToBeVisibleAsync();

        var responses = await api.GetJsonAsync($"/api/v1/responses?survey={survey.GetProperty("id").GetString()}");
        var only = Assert.Single(responses.GetProperty("items").EnumerateArray());
        Assert.Equal(4, only.GetProperty("score").GetInt32());
        Assert.Equal("Easy checkout", only.GetProperty("comment").GetString());
    }
}
