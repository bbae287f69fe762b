using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Platform;

/// <summary>The REST API answers only a valid, unrevoked REST key, and only within its scopes.</summary>
[Collection(AppCollection.Name)]
public sealed class ApiKeyAuthenticationTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task GetSurveys_NoKey_Returns401Problem(DatabaseProvider provider)
    {
        using var client = fixture.App(provider).CreateClient();

        using var response = await client.GetAsync("/api/v1/surveys");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task GetSurveys_UnknownKey_Returns401Problem(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.ClientWithKey(ApiKeyService.RestPrefix + "not-a-key-anyone-was-given");

        using var response = await client.GetAsync("/api/v1/surveys");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task GetSurveys_RevokedKey_Returns401Problem(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var key = await workspace.CreateKeyAsync(ApiKeyKind.Rest, ApiScopes.Read);
        using var client = workspace.ClientWithKey(key.PlainKey);
        using (var before = await client.GetAsync("/api/v1/surveys"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var revoked = await workspace.InWorkspaceAsync(s => s.GetRequiredService<ApiKeyService>().RevokeAsync(key.Key.Id, "system"));
        using var response = await client.GetAsync("/api/v1/surveys");

        Assert.True(revoked);
        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task GetSurveys_TrackingWriteKey_Returns401Problem(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var key = await workspace.CreateKeyAsync(ApiKeyKind.Write);
        using var client = workspace.ClientWithKey(key.PlainKey);

        using var response = await client.GetAsync("/api/v1/surveys");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task GetSurveys_BasicCredentialsInsteadOfBearer_Returns401Problem(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.ClientWithKey(null);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");

        using var response = await client.GetAsync("/api/v1/surveys");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PostSurvey_ReadOnlyKey_Returns403ProblemAndCreatesNothing(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var key = await workspace.CreateKeyAsync(ApiKeyKind.Rest, ApiScopes.Read);
        using var client = workspace.ClientWithKey(key.PlainKey);

        using var response = await client.PostAsJsonAsync("/api/v1/surveys", new { name = "Should not exist", metric = "nps" });

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
        var list = await client.GetJsonAsync("/api/v1/surveys");
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task GetSurveys_ReadOnlyKey_SeesTheWorkspacesSurveys(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var owner = workspace.Client();
        var survey = await owner.CreateSurveyAsync(name: "Checkout NPS");
        var key = await workspace.CreateKeyAsync(ApiKeyKind.Rest, ApiScopes.Read);
        using var reader = workspace.ClientWithKey(key.PlainKey);

        var list = await reader.GetJsonAsync("/api/v1/surveys");
        var one = await reader.GetJsonAsync($"/api/v1/surveys/{survey.GetGuid("id")}");

        Assert.Equal("Checkout NPS", Assert.Single(list.GetProperty("items").EnumerateArray()).GetString("name"));
        Assert.Equal("Checkout NPS", one.GetString("name"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PostSurvey_FullKey_Returns201WithLocationAndPublicUrl(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        using var response = await client.PostAsJsonAsync("/api/v1/surveys", new { name = "Support CSAT", metric = "csat" });

        var survey = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/surveys/{survey.GetGuid("id")}", response.Headers.Location?.OriginalString);
        Assert.Equal("csat", survey.GetString("metric"));
        Assert.Equal("live", survey.GetString("status"));
        Assert.Matches("^http://localhost/s/[A-Za-z0-9_-]+$", survey.GetString("publicUrl"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task GetAudit_KeyWithoutAdminScope_Returns403ButAdminKeySeesTheKeyCreation(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var key = await workspace.CreateKeyAsync(ApiKeyKind.Rest, ApiScopes.Read, ApiScopes.Write);
        using var writer = workspace.ClientWithKey(key.PlainKey);
        using var admin = workspace.Client();

        using var refused = await writer.GetAsync("/api/v1/audit");
        var audit = await admin.GetJsonAsync("/api/v1/audit");

        await Problem.AssertAsync(refused, HttpStatusCode.Forbidden);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetString("action") == "apikey.created");
    }
}
