using System.Net;
using Microsoft.Playwright;
using Touchpoint.BrowserTests.Infrastructure;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.BrowserTests;

/// <summary>An analyst builds a two-page survey with a branch in the builder, saves it, and finds it again.</summary>
public sealed class SurveyBuilderBrowserTests
{
    private static async Task<IPage> SignInAsync(BrowserApp app, TestWorkspace workspace)
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.Url("/signin"));
        await page.GetByLabel("Email").FillAsync(workspace.Owner.Email!);
        await page.GetByLabel("Password").FillAsync(TestWorkspace.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByText("No feedback yet")).ToBeVisibleAsync();
        return page;
    }

    [ChromiumTheory, OnSqlite, OnPostgres]
    public async Task Builder_TwoPagesWithABranch_SavesVersionTwoAndShowsItAfterReload(DatabaseProvider provider)
    {
        // Arrange: the standard NPS survey (one page: score and comment).
        await using var app = await BrowserApp.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app.Factory);
        using var api = workspace.Client();
        var id = (await api.PostJsonAsync("/api/v1/surveys", new { name = "Checkout NPS", metric = "nps" }, HttpStatusCode.Created)).GetGuid("id");
        var page = await SignInAsync(app, workspace);

        // Act: Surveys > Edit; add a second page with a question; promoters (9+) end after page 1.
        await page.GetByRole(AriaRole.Link, new() { Name = "Surveys", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit Checkout NPS" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Edit survey" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add page" }).ClickAsync();
        var second = page.Locator("fieldset[data-page='p2']");
        await second.GetByLabel("Question title").FillAsync("What could we do <better>?");
        var first = page.Locator("fieldset[data-page='p1']");
        await first.GetByRole(AriaRole.Button, new() { Name = "Add branch rule" }).ClickAsync();
        await Expect(first.GetByLabel("Condition question")).ToHaveValueAsync("score");
        await first.GetByLabel("Condition operator").SelectOptionAsync("gte");
        await first.GetByLabel("Condition value").FillAsync("9");
        await first.GetByLabel("Then").SelectOptionAsync("end");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save survey" }).ClickAsync();

        // Assert: saved as version 2; after a reload the builder shows both pages and the rule.
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("version 2");
        await page.ReloadAsync();
        await Expect(page.GetByTestId("survey-version")).ToHaveTextAsync("2");
        await Expect(page.Locator("fieldset[data-page='p2']").GetByLabel("Question title")).ToHaveValueAsync("What could we do <better>?");
        var rule = page.Locator("fieldset[data-page='p1'] [data-branch='0']");
        await Expect(rule.GetByLabel("Condition operator")).ToHaveValueAsync("gte");
        await Expect(rule.GetByLabel("Condition value")).ToHaveValueAsync("9");
        await Expect(rule.GetByLabel("Then")).ToHaveValueAsync("end");

        var survey = await api.GetJsonAsync($"/api/v1/surveys/{id}");
        Assert.Equal(2, survey.GetProperty("version").GetInt32());
        var pages = survey.GetProperty("definition").GetProperty("pages");
        Assert.Equal(2, pages.GetArrayLength());
        Assert.Equal("What could we do <better>?", pages[1].GetProperty("questions")[0].GetProperty("title").GetString("en"));
        var branch = pages[0].GetProperty("branches")[0];
        Assert.Equal("end", branch.GetString("goTo"));
        Assert.Equal(9, branch.GetProperty("if").GetProperty("value").GetInt32());
    }

    [ChromiumTheory, OnSqlite, OnPostgres]
    public async Task Builder_InvalidColourAndEmptyTitle_ShowsErrorsNextToTheFieldsAndSavesNothing(DatabaseProvider provider)
    {
        await using var app = await BrowserApp.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app.Factory);
        using var api = workspace.Client();
        var id = (await api.PostJsonAsync("/api/v1/surveys", new { name = "Support CSAT", metric = "csat" }, HttpStatusCode.Created)).GetGuid("id");
        var page = await SignInAsync(app, workspace);
        await page.GotoAsync(app.Url($"/surveys/{id}/edit"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Add page" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Languages and theme" }).ClickAsync();
        await page.GetByLabel("Primary colour").FillAsync("blue");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save survey" }).ClickAsync();

        await Expect(page.GetByTestId("error-summary")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-error-path='pages[1].questions[0].title']")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Languages and theme" }).ClickAsync();
        await Expect(page.Locator("[data-path='theme.primaryColor'] [data-error-path='theme.primaryColor']")).ToContainTextAsync("hex colour");
        var survey = await api.GetJsonAsync($"/api/v1/surveys/{id}");
        Assert.Equal(1, survey.GetProperty("version").GetInt32());
    }

    [ChromiumTheory, OnSqlite, OnPostgres]
    public async Task Builder_SecondLanguageChoiceQuestionAndDisplayLogic_AreSavedAsEdited(DatabaseProvider provider)
    {
        await using var app = await BrowserApp.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app.Factory);
        using var api = workspace.Client();
        var id = (await api.PostJsonAsync("/api/v1/surveys", new { name = "Store NPS", metric = "nps" }, HttpStatusCode.Created)).GetGuid("id");
        var page = await SignInAsync(app, workspace);
        await page.GotoAsync(app.Url($"/surveys/{id}"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit questions and settings" }).ClickAsync();

        // German beside English, and a brand colour.
        await page.GetByRole(AriaRole.Button, new() { Name = "Languages and theme" }).ClickAsync();
        await page.GetByLabel("New language tag").FillAsync("de");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add language" }).ClickAsync();
        await page.GetByLabel("Primary colour").FillAsync("#e91e63");
        await page.GetByRole(AriaRole.Button, new() { Name = "Questions" }).ClickAsync();

        // The score question now has a box per language; a new single-choice question shows for promoters only.
        var score = page.Locator("fieldset[data-question='score']");
        await Expect(score.GetByLabel("Question title (en)")).Not.ToHaveValueAsync("");
        await score.GetByLabel("Question title (de)").FillAsync("Würden Sie uns empfehlen?");
        await page.Locator("fieldset[data-page='p1']").GetByRole(AriaRole.Button, new() { Name = "Add question" }).ClickAsync();
        var added = page.Locator("fieldset[data-question='q1']");
        await added.GetByLabel("Question type").SelectOptionAsync("single");
        await added.GetByLabel("Question title (en)").FillAsync("What did you buy?");
        await Expect(added.GetByLabel("Choice text (en)")).ToHaveCountAsync(2);
        await added.GetByLabel("Show this question").SelectOptionAsync("all");
        await added.GetByLabel("Condition value").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save survey" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("version 2");
        var definition = (await api.GetJsonAsync($"/api/v1/surveys/{id}")).GetProperty("definition");
        Assert.Equal(["en", "de"], definition.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("#e91e63", definition.GetProperty("theme").GetString("primaryColor"));
        var questions = definition.GetProperty("pages")[0].GetProperty("questions");
        Assert.Equal("Würden Sie uns empfehlen?", questions[0].GetProperty("title").GetString("de"));
        var single = questions[2];
        Assert.Equal("single", single.GetString("type"));
        Assert.Equal(2, single.GetProperty("choices").GetArrayLength());
        var condition = single.GetProperty("displayIf");
        Assert.Equal(("score", "gte", 10), (condition.GetString("question"), condition.GetString("op"), condition.GetProperty("value").GetInt32()));
    }
}
