using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Journeys;

/// <summary>Every workspace starts with the reference journey; feedback and metrics point at its touch points.</summary>
[Collection(AppCollection.Name)]
public sealed class JourneysApiTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task ListJourneys_NewWorkspace_HasTheDefaultJourneyWithEightOrderedStages(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        var journeys = await client.GetJsonAsync("/api/v1/journeys");

        var journey = Assert.Single(journeys.GetProperty("items").EnumerateArray());
        Assert.True(journey.GetProperty("isDefault").GetBoolean());
        Assert.Equal(["awareness", "discovery", "attraction", "interaction", "purchase", "use", "cultivation", "advocacy"],
            journey.GetProperty("stages").EnumerateArray().Select(s => s.GetString("name")));
        var checkout = CheckoutOnWeb(journeys);
        Assert.Equal("web", checkout.GetString("channel"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task GetNps_FilteredByTouchPoint_CountsOnlyAnswersAboutIt(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var checkout = CheckoutOnWeb(await client.GetJsonAsync("/api/v1/journeys")).GetGuid("id");
        var atCheckout = (await client.PostJsonAsync("/api/v1/surveys", new { name = "Checkout NPS", metric = "nps", touchPointId = checkout },
            HttpStatusCode.Created)).GetGuid("id");
        var general = (await client.CreateSurveyAsync("nps")).GetGuid("id");
        for (var i = 0; i < 10; i++)
        {
            await client.SubmitAsync(atCheckout, 10);
            await client.SubmitAsync(general, 0);
        }

        var all = await client.GetJsonAsync("/api/v1/metrics/nps");
        var filtered = await client.GetJsonAsync($"/api/v1/metrics/nps?touchpoint={checkout}");
        var answer = (await client.GetJsonAsync($"/api/v1/responses?survey={atCheckout}&limit=1")).GetProperty("items")[0];

        Assert.Equal(20, all.GetProperty("n").GetInt32());
        Assert.Equal(0, all.GetProperty("score").GetDouble(), 4);
        Assert.Equal(10, filtered.GetProperty("n").GetInt32());
        Assert.Equal(100, filtered.GetProperty("score").GetDouble(), 4);
        Assert.Equal(checkout, answer.GetGuid("touchPointId"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PostSurvey_TouchPointOfAnotherWorkspace_Returns400NamingTouchPointId(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var a = await TestWorkspace.CreateAsync(app);
        var b = await TestWorkspace.CreateAsync(app);
        using var clientA = a.Client();
        using var clientB = b.Client();
        var checkoutOfB = CheckoutOnWeb(await clientB.GetJsonAsync("/api/v1/journeys")).GetGuid("id");

        using var response = await clientA.PostAsJsonAsync("/api/v1/surveys", new { name = "Borrowed", metric = "nps", touchPointId = checkoutOfB });

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "touchPointId");
    }

    private static JsonElement CheckoutOnWeb(JsonElement journeys) =>
        journeys.GetProperty("items").EnumerateArray()
            .SelectMany(j => j.GetProperty("stages").EnumerateArray())
            .SelectMany(s => s.GetProperty("touchPoints").EnumerateArray())
            .Single(t => t.GetString("name") == "Checkout on web");
}
