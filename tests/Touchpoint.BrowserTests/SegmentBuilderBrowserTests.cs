using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Touchpoint.BrowserTests.Infrastructure;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;
using Touchpoint.Tests.Segments;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.BrowserTests;

/// <summary>An analyst builds a segment with a nested group in the rule builder and watches the live count.</summary>
public sealed class SegmentBuilderBrowserTests
{
    [ChromiumTheory, OnSqlite, OnPostgres]
    public async Task RuleBuilder_NestedGroup_ShowsLivePreviewCountAndCreatesTheSegment(DatabaseProvider provider)
    {
        // Arrange: three customers, two in the Netherlands, one of them on the pro plan.
        await using var app = await BrowserApp.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app.Factory);
        await workspace.AddCustomerAsync("ana", """{"plan":"pro"}""", c => c.Country = "NL");
        await workspace.AddCustomerAsync("bo", """{"plan":"free"}""", c => c.Country = "NL");
        await workspace.AddCustomerAsync("cy", """{"plan":"pro"}""", c => c.Country = "US");
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.Url("/signin"));
        await page.GetByLabel("Email").FillAsync(workspace.Owner.Email!);
        await page.GetByLabel("Password").FillAsync(TestWorkspace.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByText("No feedback yet")).ToBeVisibleAsync();

        // Act: Segments > New segment; everyone matches the empty rule.
        await page.GetByRole(AriaRole.Link, new() { Name = "Segments", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New segment" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Dutch pro customers");
        var count = page.GetByTestId("preview-count");
        await Expect(count).ToHaveTextAsync("3");

        // All of: country is NL ...
        await page.GetByLabel("Condition type").First.SelectOptionAsync("region");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add condition" }).First.ClickAsync();
        await page.GetByLabel("Country").FillAsync("NL");
        await Expect(count).ToHaveTextAsync("2");

        // ... and a nested "any of" group (empty: nobody) holding: plan is pro.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add group" }).First.ClickAsync();
        var nested = page.Locator("fieldset.rule-group fieldset.rule-group");
        await Expect(count).ToHaveTextAsync("0");
        await nested.GetByRole(AriaRole.Button, new() { Name = "Add condition" }).ClickAsync();
        await nested.GetByLabel("Trait key").FillAsync("plan");
        await nested.GetByLabel("Value").FillAsync("pro");
        await Expect(count).ToHaveTextAsync("1");

        await page.GetByRole(AriaRole.Button, new() { Name = "Create segment" }).ClickAsync();

        // Assert: the segment page lists ana alone.
        await Expect(page).ToHaveURLAsync(new Regex("/segments/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("member-count")).ToHaveTextAsync("1");
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "ana", Exact = true }).First).ToBeVisibleAsync();
    }
}
