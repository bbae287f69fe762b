using Microsoft.Playwright;
using Touchpoint.BrowserTests.Infrastructure;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.BrowserTests;

/// <summary>The Responses page's live feed: a new answer appears on top without a reload, as text.</summary>
public sealed class ResponseFeedBrowserTests
{
    private const string HostileComment = "<img src=x onerror=alert(1)> late parcel";

    [ChromiumTheory, OnSqlite, OnPostgres]
    public async Task ResponsesPage_NewAnswer_AppearsLiveAsText(DatabaseProvider provider)
    {
        await using var app = await BrowserApp.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app.Factory);
        using var api = workspace.Client();
        var survey = (await api.CreateSurveyAsync("nps", "Delivery NPS")).GetGuid("id");
        await api.SubmitAsync(survey, 9, comment: "Earlier answer");
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.Url("/signin"));
        await page.GetByLabel("Email").FillAsync(workspace.Owner.Email!);
        await page.GetByLabel("Password").FillAsync(TestWorkspace.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync(app.Url("/responses"));
        await Expect(page.Locator("#responses-rows")).ToHaveAttributeAsync("data-listening", "true");

        await api.SubmitAsync(survey, 4, comment: HostileComment);

        var first = page.Locator("#responses-rows tr").First;
        await Expect(first).ToContainTextAsync(HostileComment);
        await Expect(first).ToContainTextAsync("Delivery NPS");
        await Expect(page.Locator("#responses-rows img")).ToHaveCountAsync(0);
        await Expect(page.Locator("#responses-rows tr")).ToHaveCountAsync(2);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("score 4");
    }
}
