using System.Net;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Platform;

/// <summary>/api/v1/webhooks and Settings > Webhooks: create (secret once), list, delete, clear errors.</summary>
[Collection(AppCollection.Name)]
public sealed class WebhooksApiTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task CreateWebhook_Valid_ShowsSecretOnceAndListsWithoutIt(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        var created = await client.PostJsonAsync("/api/v1/webhooks",
            new { url = "https://hooks.example.com/touchpoint", events = new[] { "response.completed" }, description = "CRM" }, HttpStatusCode.Created);

        Assert.StartsWith("whsec_", created.GetString("secret"), StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(created.GetString("secret")!["whsec_".Length..]).Length);
        var listed = Assert.Single((await client.GetJsonAsync("/api/v1/webhooks")).GetProperty("items").EnumerateArray());
        Assert.Equal(created.GetGuid("id"), listed.GetGuid("id"));
        Assert.Equal("https://hooks.example.com/touchpoint", listed.GetString("url"));
        Assert.Equal(["response.completed"], listed.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.True(listed.IsNull("secret"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task CreateWebhook_BadUrlOrEvent_NamesTheField(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        foreach (var url in (string[])["ftp://example.com/x", "/relative/path", "https://user:pw@example.com/", ""])
        {
            using var response = await client.PostAsync("/api/v1/webhooks",
                Api.Json($$"""{"url":"{{url}}","events":["response.completed"]}"""));
            await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "url");
        }

        using var unknown = await client.PostAsync("/api/v1/webhooks", Api.Json("""{"url":"https://example.com/h","events":["response.deleted"]}"""));
        await Problem.AssertFieldAsync(unknown, HttpStatusCode.BadRequest, "events");
        using var none = await client.PostAsync("/api/v1/webhooks", Api.Json("""{"url":"https://example.com/h","events":[]}"""));
        await Problem.AssertFieldAsync(none, HttpStatusCode.BadRequest, "events");
        Assert.Empty((await client.GetJsonAsync("/api/v1/webhooks")).GetProperty("items").EnumerateArray());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task DeleteWebhook_Twice_SecondIsNotFound(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var id = (await client.PostJsonAsync("/api/v1/webhooks", new { url = "https://example.com/h", events = new[] { "response.completed" } },
            HttpStatusCode.Created)).GetGuid("id");

        using var first = await client.DeleteAsync($"/api/v1/webhooks/{id}");
        using var second = await client.DeleteAsync($"/api/v1/webhooks/{id}");

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        await Problem.AssertAsync(second, HttpStatusCode.NotFound);
        Assert.Empty((await client.GetJsonAsync("/api/v1/webhooks")).GetProperty("items").EnumerateArray());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task WebhooksPage_AddWebhook_ShowsTheSecretOnceThenTheList(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        using var session = new PageSession(app);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (posted, _) = await session.SubmitAsync("/settings/webhooks",
            PageSession.Form(("WebhookUrl", "https://hooks.example.com/<b>x</b>"), ("Events", "response.completed"), ("Description", "<i>CRM</i>")),
            "/settings/webhooks?handler=create");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var (_, html) = await session.GetAsync("/settings/webhooks");
        var (_, again) = await session.GetAsync("/settings/webhooks");

        Assert.Contains("data-testid=\"new-webhook-secret\">whsec_", html, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", again, StringComparison.Ordinal);
        Assert.Contains("&lt;i&gt;CRM&lt;/i&gt;", again, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>CRM</i>", again, StringComparison.Ordinal);
    }
}
