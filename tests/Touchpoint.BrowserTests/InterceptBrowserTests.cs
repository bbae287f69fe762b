using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using Touchpoint.BrowserTests.Infrastructure;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;
using Touchpoint.Tests.Tracking;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.BrowserTests;

/// <summary>
/// The web intercept on a customer's site (a static page served by the test on another origin, with
/// the one script tag): it shows the survey when a trigger fires and the visitor is sampled, and never nags.
/// </summary>
public sealed class InterceptBrowserTests
{
    private static async Task<(BrowserApp App, LocalServer Site)> ArrangeAsync(DatabaseProvider provider, int samplingPercent)
    {
        var app = await BrowserApp.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app.Factory);
        using var api = workspace.Client();
        var survey = (await api.CreateSurveyAsync("csat", "Checkout CSAT")).GetGuid("id");
        using var put = await api.PutAsync($"/api/v1/surveys/{survey}/intercept", Api.Json($$"""
            {"triggers":[{"type":"timeOnPage","seconds":1}],"samplingPercent":{{samplingPercent}},"delaySeconds":0}
            """));
        await put.ExpectAsync(HttpStatusCode.OK);
        var writeKey = await workspace.CreateWriteKeyAsync();
        var html = $"""
            <!doctype html><html lang="en"><head><title>Shop</title></head>
            <body><h1>Thanks for your order</h1><a href="/shop/more">More</a>
            <script src="{app.Url("/surveys/intercept.js")}" data-write-key="{writeKey}" async></script></body></html>
            """;
        var site = await LocalServer.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(html);
        });
        return (app, site);
    }

    [ChromiumTheory, OnSqlite, OnPostgres]
    public async Task Intercept_TimeOnPageAndFullSample_ShowsTheSurveyDialogOnce(DatabaseProvider provider)
    {
        var (app, site) = await ArrangeAsync(provider, 100);
        await using var _ = app;
        await using var __ = site;
        var page = await app.NewPageAsync();

        await page.GotoAsync(site.BaseUrl + "/shop/checkout");

        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Feedback survey" });
        await Expect(dialog).ToBeVisibleAsync();
        var frame = dialog.Locator("iframe[title='Survey']");
        await Expect(frame).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex(@"/s/[^?]+\?embed=1&channel=web$"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Close survey" })).ToBeFocusedAsync();

        // Closed: the dialog goes, and the next page view does not ask again.
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        await page.GotoAsync(site.BaseUrl + "/shop/more");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-touchpoint-intercept", "alreadyAsked");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
    }

    [ChromiumTheory, OnSqlite, OnPostgres]
    public async Task Intercept_ZeroSample_NeverShowsTheDialog(DatabaseProvider provider)
    {
        var (app, site) = await ArrangeAsync(provider, 0);
        await using var _ = app;
        await using var __ = site;
        var page = await app.NewPageAsync();

        await page.GotoAsync(site.BaseUrl + "/shop/checkout");

        // The trigger fired and the visitor was not drawn: no dialog, now or on the next page.
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-touchpoint-intercept", "notSampled");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await page.GotoAsync(site.BaseUrl + "/shop/more");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-touchpoint-intercept", "alreadyAsked");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
    }
}
