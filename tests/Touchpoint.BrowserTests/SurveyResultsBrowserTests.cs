using Microsoft.Playwright;
using Touchpoint.BrowserTests.Infrastructure;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Tests.Analytics.Rates;
using Touchpoint.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.BrowserTests;

/// <summary>A CX manager opens a survey and reads its response rate and the mean of its star rating.</summary>
public sealed class SurveyResultsBrowserTests
{
    [ChromiumTheory, OnSqlite, OnPostgres]
    public async Task SurveyPage_Results_ShowsTheResponseRateAndAStarMean(DatabaseProvider provider)
    {
        // Arrange: 4 email invitations three days ago, 1 answered (25%); star ratings 5, 4, 4, 3 (mean 4) with a minimum of 4 answers.
        await using var app = await BrowserApp.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app.Factory);
        await workspace.SetMinimumAnswersAsync(4);
        var survey = await workspace.RatedSurveyAsync(starsTitle: "Stars for <b>x</b>");
        var sent = DateTime.UtcNow.AddDays(-3);
        for (var i = 0; i < 4; i++)
        {
            await workspace.InvitationAsync(survey, sent.AddMinutes(i), Channel.Email, opened: true, completed: i == 0);
        }

        foreach (var stars in new[] { 5, 4, 4, 3 })
        {
            await workspace.RatedAnswerAsync(survey, sent.AddHours(1), new { score = 4, stars });
        }

        var page = await app.NewPageAsync();
        await page.GotoAsync(app.Url("/signin"));
        await page.GetByLabel("Email").FillAsync(workspace.Owner.Email!);
        await page.GetByLabel("Password").FillAsync(TestWorkspace.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // Act
        await page.GotoAsync(app.Url($"/surveys/{survey}"));

        // Assert: the rate with its Wilson interval, and the stars' mean with its t margin (3.18245 x 0.8165 / 2 = 1.30).
        var results = page.GetByTestId("results");
        await Expect(results.GetByTestId("rate").First).ToContainTextAsync("25% (4.6% – 69.9%)");
        var starsRow = results.GetByRole(AriaRole.Row).Filter(new() { HasText = "Stars for <b>x</b>" });
        await Expect(starsRow.GetByTestId("mean")).ToContainTextAsync("4.00 ± 1.30");
    }
}
