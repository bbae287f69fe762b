using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Touchpoint.BrowserTests.Infrastructure;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Feedback;
using Touchpoint.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.BrowserTests;

/// <summary>A respondent with JavaScript off answers a multi-page survey whose pages and questions follow their answers.</summary>
public sealed class SurveyBranchingBrowserTests
{
    [ChromiumTheory, OnSqlite, OnPostgres]
    public async Task MultiPageSurvey_AnsweredWithBackAndBranching_StoresOnlyThePathTaken(DatabaseProvider provider)
    {
        await using var app = await BrowserApp.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app.Factory);
        using var api = workspace.Client();
        var survey = await api.PostJsonAsync("/api/v1/surveys", new { name = "Delivery NPS", metric = "nps" }, HttpStatusCode.Created);
        var id = survey.GetGuid("id");
        await SurveyDefinitions.UseAsync(workspace, id, SurveyDefinitions.Branching);
        var page = await app.NewPageAsync(new() { JavaScriptEnabled = false });
        await page.GotoAsync(survey.GetString("publicUrl")!);

        // A promoter first: the page for promoters follows.
        await page.GetByRole(AriaRole.Radio, new() { Name = "9", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Glad to hear it" })).ToBeVisibleAsync();

        // Back, with the score kept; a lower score takes the other branch.
        await page.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "9", Exact = true })).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "2", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sorry to hear that" })).ToBeVisibleAsync();

        // Sending without the required answer: an error summary that links to the question.
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Answer this question.");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Answer this question." })).ToHaveAttributeAsync("href", "#q-why");

        // "Something else" brings its follow-up question onto the same page.
        await page.GetByRole(AriaRole.Radio, new() { Name = "Something else" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await page.GetByLabel("What else went wrong?").FillAsync("<b>Late</b> parcel");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.GetByText("Thank you!")).ToBeVisibleAsync();

        var response = Assert.Single(await SurveyDefinitions.ResponsesAsync(workspace, id));
        Assert.Equal(2, response.Score);
        Assert.Equal("<b>Late</b> parcel", response.Comment);
        var answers = JsonNode.Parse(response.Answers)!.AsObject();
        Assert.Equal(["nps", "why", "whyOther"], answers.Select(a => a.Key));
    }
}
