using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Touchpoint.BrowserTests.Infrastructure;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.BrowserTests;

/// <summary>The front line empowered: an agent puts a detractor's problem right from the case, within their own authority.</summary>
public sealed class RemediesBrowserTests
{
    private const string HostileComment = "<img src=x onerror=alert(1)> the parcel arrived broken";

    [ChromiumTheory, OnSqlite, OnPostgres]
    public async Task CasePanel_AgentGrantsACreditWithinAuthority_SeesItGranted(DatabaseProvider provider)
    {
        // Arrange: a detractor's answer, a case about it owned by an agent, and agents' authority up to 50 of credit.
        await using var app = await BrowserApp.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app.Factory);
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        using var api = workspace.Client();
        var survey = await api.CreateSurveyAsync();
        var answer = await api.SubmitAsync(survey.GetGuid("id"), 3, comment: HostileComment);
        using (var limits = await api.PutAsJsonAsync("/api/v1/authority-limits",
                   new { limits = new[] { new { role = "agent", kind = "credit", maxAmount = 50m } } }))
        {
            await limits.ExpectAsync(HttpStatusCode.OK);
        }

        var opened = await workspace.InWorkspaceAsync(services => services.GetRequiredService<CaseOpener>().OpenAsync(
            new CaseOpener.Request($"Detractor (NPS 3): {HostileComment}", CaseSource.Manual, CasePriority.High,
                ResponseId: answer.GetInt64("id"), OwnerId: agent.Id)));

        var page = await app.NewPageAsync();
        await page.GotoAsync(app.Url("/signin"));
        await page.GetByLabel("Email").FillAsync(agent.Email!);
        await page.GetByLabel("Password").FillAsync(TestWorkspace.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // Act: open the case's remedies and give a credit of 40 EUR.
        await page.GotoAsync(app.Url($"/cases/remedies/{opened.Id}"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(HostileComment);
        await Expect(page.Locator(".authority")).ToContainTextAsync("up to 50.00 credit per case");
        await page.GetByLabel("Kind").FillAsync("credit");
        await page.GetByLabel("Amount").FillAsync("40");
        await page.GetByLabel("Currency").FillAsync("EUR");
        await page.GetByLabel("Note").FillAsync("Sorry about the parcel: 40 EUR off your next order");
        await page.GetByRole(AriaRole.Button, new() { Name = "Give remedy" }).ClickAsync();

        // Assert: granted at once, no manager involved, and the customer's words stayed text.
        var row = page.Locator("table.remedies tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("40.00 EUR credit");
        await Expect(row.Locator(".remedy-status")).ToHaveTextAsync("granted");
        await Expect(page.Locator("h1 img")).ToHaveCountAsync(0);

        // A second credit that would take the case over 50 waits for a manager instead.
        await page.GetByLabel("Amount").FillAsync("20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Give remedy" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(2);
        await Expect(row.Nth(1).Locator(".remedy-status")).ToHaveTextAsync("waiting for approval");
    }
}
