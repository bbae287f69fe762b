using Microsoft.Playwright;
using Touchpoint.BrowserTests.Infrastructure;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.BrowserTests;

/// <summary>What the analyser found in a comment, as a member sees it: on the response, and as a filter of the list.</summary>
public sealed class TextAnalysisBrowserTests
{
    private const string Angry = "I had to call three times about my refund and I'm furious. I will cancel my account.";

    [ChromiumTheory, OnSqlite, OnPostgres]
    public async Task NegativeComment_ShowsItsBadgeAndChurnSignal_AndTheSentimentFilterFindsIt(DatabaseProvider provider)
    {
        await using var app = await BrowserApp.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app.Factory);
        using var api = workspace.Client();
        var survey = (await api.CreateSurveyAsync("nps", "Support NPS")).GetGuid("id");
        var angry = (await api.SubmitAsync(survey, 2, comment: Angry)).GetInt64("id");
        await api.SubmitAsync(survey, 10, comment: "Lovely jumper, thank you so much!");
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.Url("/signin"));
        await page.GetByLabel("Email").FillAsync(workspace.Owner.Email!);
        await page.GetByLabel("Password").FillAsync(TestWorkspace.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GotoAsync(app.Url($"/responses/{angry}"));

        var analysis = page.GetByTestId("text-analysis");
        await Expect(analysis.GetByTestId("sentiment")).ToContainTextAsync("negative");
        await Expect(analysis.GetByTestId("signal").Filter(new() { HasText = "churn" })).ToBeVisibleAsync();
        await Expect(analysis.GetByTestId("evidence").Filter(new() { HasText = "cancel my account" })).ToBeVisibleAsync();

        await page.GotoAsync(app.Url("/responses"));
        await page.GetByLabel("Sentiment", new() { Exact = true }).SelectOptionAsync("negative");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).First.ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("sentiment=negative"));
        var rows = page.Locator("#responses-rows tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("cancel my account");
        await Expect(rows.First.GetByTestId("sentiment")).ToContainTextAsync("negative");
    }
}
