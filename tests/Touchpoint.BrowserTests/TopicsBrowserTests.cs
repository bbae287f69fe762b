using Microsoft.Playwright;
using Touchpoint.BrowserTests.Infrastructure;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;
using Touchpoint.Tests.TextAnalysis.WorkspaceTopics;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.BrowserTests;

/// <summary>An analyst adds a topic to the taxonomy, tries a sentence against it, and labels a comment on the Text page.</summary>
public sealed class TopicsBrowserTests
{
    [ChromiumTheory, OnSqlite, OnPostgres]
    public async Task Taxonomy_AddTopicTrySentence_ThenLabelACommentOnTheTextPage(DatabaseProvider provider)
    {
        // Arrange: one analysed survey comment with markup in it.
        await using var app = await BrowserApp.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app.Factory);
        var surveyId = (await workspace.Client().CreateSurveyAsync()).GetGuid("id");
        var comment = await AnalyzedTexts.AddCommentAsync(workspace, surveyId, "Nowhere to leave the car, the <b>car park</b> was full <script>alert(1)</script>");
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.Url("/signin"));
        await page.GetByLabel("Email").FillAsync(workspace.Owner.Email!);
        await page.GetByLabel("Password").FillAsync(TestWorkspace.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Text", Exact = true })).ToBeVisibleAsync();

        // Act: Settings > Topics, add "Parking" with a wildcard keyword, then try a sentence.
        await page.GotoAsync(app.Url("/settings/topics"));
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Parking");
        await page.GetByLabel("Keywords").FillAsync("car park*\nparking");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save topic" }).ClickAsync();
        await Expect(page.GetByText("Topic \"Parking\" saved.")).ToBeVisibleAsync();
        await page.GetByLabel("Sentence", new() { Exact = true }).FillAsync("We drove round the car parks for ages");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show topics" }).ClickAsync();

        // Assert: the sentence matches Parking, on the words that fired.
        var result = page.GetByTestId("try-result");
        await Expect(result).ToContainTextAsync("Parking: 1 mention");
        await Expect(result).ToContainTextAsync("car parks");

        // Act: the Text page lists the comment (encoded); label it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Text", Exact = true }).ClickAsync();
        var item = page.Locator($"#text-{comment}");
        await Expect(item.GetByTestId("text-body")).ToContainTextAsync("the <b>car park</b> was full <script>alert(1)</script>");
        await item.GetByLabel($"Topic label for text {comment}").FillAsync("Parking");
        await item.GetByRole(AriaRole.Button, new() { Name = "Add label" }).ClickAsync();

        // Assert: the person's label is on the comment and filters the list.
        await Expect(page.Locator($"#text-{comment}")).ToContainTextAsync("Parking (by a person)");
        await page.GetByLabel("Topic", new() { Exact = true }).SelectOptionAsync("Parking");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.GetByTestId("text-item")).ToHaveCountAsync(1);
    }
}
