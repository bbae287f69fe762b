using System.Net;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;
using Touchpoint.Tests.Tracking;

namespace Touchpoint.Tests.Surveys;

/// <summary>The web intercept: settings per survey, the public config a site's script reads, and the script itself.</summary>
[Collection(AppCollection.Name)]
public sealed class InterceptApiTests(AppFixture fixture)
{
    private const string Settings = """
        {"triggers":[{"type":"page","pathPrefix":"/checkout"},{"type":"event","name":"order-completed"},{"type":"timeOnPage","seconds":30},{"type":"exitIntent"}],"samplingPercent":25,"delaySeconds":2}
        """;

    [Theory, OnSqlite, OnPostgres]
    public async Task PutIntercept_Valid_SiteConfigListsTheSurveyWithItsTriggers(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");
        await client.CreateSurveyAsync(); // without an intercept: not listed
        var writeKey = await workspace.CreateWriteKeyAsync();

        using var put = await client.PutAsync($"/api/v1/surveys/{survey}/intercept", Api.Json(Settings));
        await put.ExpectAsync(HttpStatusCode.OK);
        using var anonymous = fixture.App(provider).CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/surveys/intercept/config?writeKey={Uri.EscapeDataString(writeKey)}");
        request.Headers.Add("Origin", "https://shop.example.com");
        using var response = await anonymous.SendAsync(request);

        var config = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var listed = Assert.Single(config.GetProperty("surveys").EnumerateArray());
        Assert.Equal(survey, listed.GetGuid("id"));
        Assert.EndsWith("?embed=1&channel=web", listed.GetString("url"), StringComparison.Ordinal);
        Assert.Contains("/s/", listed.GetString("url"), StringComparison.Ordinal);
        Assert.Equal(25, listed.GetProperty("samplingPercent").GetInt32());
        Assert.Equal(["page", "event", "timeOnPage", "exitIntent"],
            listed.GetProperty("triggers").EnumerateArray().Select(t => t.GetString("type")));

        using var delete = await client.DeleteAsync($"/api/v1/surveys/{survey}/intercept");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        var after = await anonymous.GetJsonAsync($"/surveys/intercept/config?writeKey={Uri.EscapeDataString(writeKey)}");
        Assert.Empty(after.GetProperty("surveys").EnumerateArray());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PutIntercept_BadSettings_NamesEachField(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");

        using var bad = await client.PutAsync($"/api/v1/surveys/{survey}/intercept", Api.Json("""
            {"triggers":[{"type":"timeOnPage","seconds":0},{"type":"page","pathPrefix":"checkout"},{"type":"hover"}],"samplingPercent":101,"delaySeconds":-1}
            """));
        var problem = await Problem.AssertFieldAsync(bad, HttpStatusCode.BadRequest, "triggers[0].seconds");
        var errors = problem.GetProperty("errors");
        foreach (var field in (string[])["triggers[1].pathPrefix", "triggers[2].type", "samplingPercent", "delaySeconds"])
        {
            Assert.True(errors.TryGetProperty(field, out _), $"Expected an error for {field}: {errors}");
        }

        using var none = await client.PutAsync($"/api/v1/surveys/{survey}/intercept", Api.Json("""{"triggers":[]}"""));
        await Problem.AssertFieldAsync(none, HttpStatusCode.BadRequest, "triggers");
        using var notJson = await client.PutAsync($"/api/v1/surveys/{survey}/intercept", Api.Json("""{"samplingPercent":"many"}"""));
        await Problem.AssertFieldAsync(notJson, HttpStatusCode.BadRequest, "samplingPercent");
        using var missing = await client.PutAsync($"/api/v1/surveys/{Guid.NewGuid()}/intercept", Api.Json(Settings));
        await Problem.AssertAsync(missing, HttpStatusCode.NotFound);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task InterceptConfig_UnknownOrRestKey_IsRefused(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var anonymous = fixture.App(provider).CreateClient();

        using var unknown = await anonymous.GetAsync("/surveys/intercept/config?writeKey=nope");
        using var rest = await anonymous.GetAsync($"/surveys/intercept/config?writeKey={Uri.EscapeDataString(workspace.ApiKey)}");

        await Problem.AssertAsync(unknown, HttpStatusCode.Unauthorized);
        await Problem.AssertAsync(rest, HttpStatusCode.Unauthorized);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task InterceptScript_IsServedSmall(DatabaseProvider provider)
    {
        using var anonymous = fixture.App(provider).CreateClient();

        using var response = await anonymous.GetAsync("/surveys/intercept.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        var script = await response.Content.ReadAsByteArrayAsync();
        Assert.True(script.Length < 10 * 1024, $"intercept.js is {script.Length} bytes; it must stay under 10 KB.");
    }
}
