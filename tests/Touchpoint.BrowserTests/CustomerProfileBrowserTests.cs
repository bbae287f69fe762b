using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Touchpoint.BrowserTests.Infrastructure;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Tracking;
using Touchpoint.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.BrowserTests;

/// <summary>Finding a customer and reading their 360 profile: timeline, map, and a hostile name shown as text.</summary>
public sealed class CustomerProfileBrowserTests
{
    private const string HostileName = "<script>alert('x')</script> Zoë Visser";

    [ChromiumTheory, OnSqlite, OnPostgres]
    public async Task Profile_FoundBySearch_ShowsTimelineAndMapDotWithTheNameAsText(DatabaseProvider provider)
    {
        // Arrange: a customer in Amsterdam with an order on the web.
        await using var app = await BrowserApp.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app.Factory);
        using var api = workspace.Client();
        using var created = await api.PostAsJsonAsync("/api/v1/customers",
            new { externalId = "zoe-7", name = HostileName, email = "zoe@example.com", city = "Amsterdam", country = "NL", latitude = 52.37, longitude = 4.89 });
        var customerId = (await created.ExpectAsync(HttpStatusCode.Created)).GetGuid("id");
        await workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            db.Events.Add(new TrackedEvent
            {
                CustomerId = customerId,
                MessageId = "zoe-order",
                Type = EventType.Track,
                Name = "Order Completed",
                Source = TrackingSource.Web,
                Channel = Channel.Web,
                OccurredAt = DateTime.UtcNow.AddHours(-2),
                ReceivedAt = DateTime.UtcNow.AddHours(-2),
            });
            await db.SaveChangesAsync();
        });
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.Url("/signin"));
        await page.GetByLabel("Email").FillAsync(workspace.Owner.Email!);
        await page.GetByLabel("Password").FillAsync(TestWorkspace.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // Act: search the list and open the profile.
        await page.GetByRole(AriaRole.Link, new() { Name = "Customers", Exact = true }).ClickAsync();
        await page.GetByLabel("Search").FillAsync("zoe-7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = HostileName }).ClickAsync();

        // Assert: the name is text, the timeline has the order, the map has its dot.
        await Expect(page.GetByTestId("customer-name")).ToHaveTextAsync(HostileName);
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("Order Completed");
        await Expect(page.Locator("#customer-map svg path.map-land")).ToHaveCountAsync(1);
        var dot = page.Locator("#customer-map svg circle.map-dot");
        await Expect(dot).ToBeVisibleAsync();
        // Amsterdam lies right of the map's centre (east) and above it (north).
        var cx = double.Parse((await dot.GetAttributeAsync("cx"))!, System.Globalization.CultureInfo.InvariantCulture);
        var cy = double.Parse((await dot.GetAttributeAsync("cy"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(cx, 320, 400);
        Assert.InRange(cy, 20, 165);
    }
}
