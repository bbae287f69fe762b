using System.Net;
using System.Net.Http.Json;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Tracking;

/// <summary>Mapping rules tie events to touch points: managed over REST and on Settings > Tracking.</summary>
[Collection(AppCollection.Name)]
public sealed class TouchPointMappingTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Mappings_CreateListDelete_ChangeWhichTouchPointNewEventsGet(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var checkout = await TrackingApiTests.FirstTouchPointAsync(api, 0);
        var anyPage = await TrackingApiTests.FirstTouchPointAsync(api, 1);
        using var client = workspace.TrackingClientFor(await workspace.CreateWriteKeyAsync());

        var specific = await api.PostJsonAsync("/api/v1/tracking/mappings",
            new { touchPointId = checkout, source = "web", eventType = "page", pathPrefix = "/checkout", priority = 10 }, HttpStatusCode.Created);
        await api.PostJsonAsync("/api/v1/tracking/mappings", new { touchPointId = anyPage, eventType = "page", priority = 20 }, HttpStatusCode.Created);
        var listed = await api.GetJsonAsync("/api/v1/tracking/mappings");
        await client.PostJsonAsync("/v1/page", new { anonymousId = "a", name = "Pay", context = new { page = new { path = "/checkout/pay" } } }, HttpStatusCode.OK);
        await client.PostJsonAsync("/v1/page", new { anonymousId = "a", name = "Blog", properties = new { path = "/blog" } }, HttpStatusCode.OK);
        using var deleted = await api.DeleteAsync($"/api/v1/tracking/mappings/{specific.GetGuid("id")}");
        await client.PostJsonAsync("/v1/page", new { anonymousId = "a", name = "Pay again", properties = new { path = "/checkout" } }, HttpStatusCode.OK);

        Assert.Equal([10, 20], listed.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("priority").GetInt32()));
        Assert.Equal("page", listed.GetProperty("items")[0].GetString("eventType"));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal([checkout, anyPage, anyPage], (await workspace.EventsAsync()).Select(e => e.TouchPointId));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task CreateMapping_BadFieldsOrAnotherWorkspacesTouchPoint_Answers400NamingTheField(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        var other = await TestWorkspace.CreateAsync(app);
        using var otherApi = other.Client();
        var foreign = await TrackingApiTests.FirstTouchPointAsync(otherApi);
        using var api = workspace.Client();
        var mine = await TrackingApiTests.FirstTouchPointAsync(api);

        using var foreignTouchPoint = await api.PostAsJsonAsync("/api/v1/tracking/mappings", new { touchPointId = foreign });
        using var badSource = await api.PostAsJsonAsync("/api/v1/tracking/mappings", new { touchPointId = mine, source = "fax" });
        using var badType = await api.PostAsJsonAsync("/api/v1/tracking/mappings", new { touchPointId = mine, eventType = "purchase" });
        using var badPath = await api.PostAsJsonAsync("/api/v1/tracking/mappings", new { touchPointId = mine, pathPrefix = "checkout" });
        using var missing = await api.DeleteAsync($"/api/v1/tracking/mappings/{Guid.NewGuid()}");

        await Problem.AssertFieldAsync(foreignTouchPoint, HttpStatusCode.BadRequest, "touchPointId");
        await Problem.AssertFieldAsync(badSource, HttpStatusCode.BadRequest, "source");
        await Problem.AssertFieldAsync(badType, HttpStatusCode.BadRequest, "eventType");
        await Problem.AssertFieldAsync(badPath, HttpStatusCode.BadRequest, "pathPrefix");
        await Problem.AssertAsync(missing, HttpStatusCode.NotFound);
        Assert.Equal(0, (await api.GetJsonAsync("/api/v1/tracking/mappings")).GetProperty("items").GetArrayLength());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task CreateMapping_WithAReadOnlyKey_IsForbidden(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var reader = await workspace.CreateKeyAsync(ApiKeyKind.Rest, ApiScopes.Read);
        using var api = workspace.ClientWithKey(reader.PlainKey);
        using var owner = workspace.Client();
        var touchPoint = await TrackingApiTests.FirstTouchPointAsync(owner);

        using var response = await api.PostAsJsonAsync("/api/v1/tracking/mappings", new { touchPointId = touchPoint });

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
        await api.GetJsonAsync("/api/v1/tracking/mappings");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SettingsPages_OwnerCreatesAStoreWriteKeyAndAMappingRule_AndSeesBoth(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var touchPoint = await TrackingApiTests.FirstTouchPointAsync(api);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (keyCreated, _) = await session.SubmitAsync("/settings/api-keys",
            PageSession.Form(("Name", "Till <b>1</b>"), ("Kind", "Write"), ("Source", "Store")), "/settings/api-keys?handler=create");
        var (ruleCreated, _) = await session.SubmitAsync("/settings/tracking",
            PageSession.Form(("TouchPointId", touchPoint.ToString()), ("Source", "Store"), ("EventType", "Track"), ("EventName", "Purchase"),
                ("PathPrefix", ""), ("Priority", "5")), "/settings/tracking?handler=create");
        var (badRule, badHtml) = await session.SubmitAsync("/settings/tracking",
            PageSession.Form(("TouchPointId", touchPoint.ToString()), ("PathPrefix", "no-slash")), "/settings/tracking?handler=create");
        var (_, html) = await session.GetAsync("/settings/tracking");

        Assert.Equal(HttpStatusCode.Redirect, keyCreated.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, ruleCreated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, badRule.StatusCode);
        Assert.Contains("starts with '/'", PageSession.Text(badHtml), StringComparison.Ordinal);
        var text = PageSession.Text(html);
        Assert.Contains("Till <b>1</b>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>1</b>", html, StringComparison.Ordinal);
        Assert.Contains("Store", text, StringComparison.Ordinal);
        Assert.Contains("Purchase", text, StringComparison.Ordinal);
        var key = Assert.Single(await workspace.QueryAsync(db => Task.FromResult(db.ApiKeys.Where(k => k.Kind == ApiKeyKind.Write).ToList())));
        Assert.Equal(Touchpoint.Core.Tracking.TrackingSource.Store, key.Source);
    }
}
