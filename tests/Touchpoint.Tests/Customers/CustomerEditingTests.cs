using System.Net;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Customers;

/// <summary>POST, GET and PATCH /api/v1/customers/{id or externalId}: merge semantics, well-known fields, lifecycle, consent, bad input.</summary>
[Collection(AppCollection.Name)]
public sealed class CustomerEditingTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Get_ByIdOrExternalId_ReturnsTheSameProfile(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var created = await client.CreateCustomerAsync(new { externalId = "crm-42", name = "Ana", traits = new { plan = "pro" } });
        var id = created.GetGuid("id");

        var byId = await client.GetJsonAsync($"/api/v1/customers/{id}");
        var byExternal = await client.GetJsonAsync("/api/v1/customers/crm-42");

        Assert.Equal(id, byExternal.GetGuid("id"));
        Assert.Equal("Ana", byId.GetString("name"));
        Assert.Equal("pro", byExternal.GetProperty("traits").GetString("plan"));
        using var missing = await client.GetAsync("/api/v1/customers/crm-43");
        await Problem.AssertAsync(missing, HttpStatusCode.NotFound);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Patch_Traits_MergeKeysAndNullRemovesOne(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var id = (await client.CreateCustomerAsync(new { externalId = "m1", traits = new { plan = "pro", age = 41, interests = new[] { "hiking" } } })).GetGuid("id");

        var patched = await client.PatchAsync($"/api/v1/customers/{id}", """{"traits":{"age":null,"ltv":1200.5,"interests":["hiking","yoga"]}}""");

        var traits = patched.GetProperty("traits");
        Assert.Equal("pro", traits.GetString("plan"));
        Assert.False(traits.TryGetProperty("age", out _));
        Assert.Equal(1200.5, traits.GetProperty("ltv").GetDouble());
        Assert.Equal(2, traits.GetProperty("interests").GetArrayLength());
        // The trait index that segment rules query follows the traits.
        var rows = await workspace.QueryAsync(db => db.CustomerTraits.Where(t => t.CustomerId == id).OrderBy(t => t.Key).ThenBy(t => t.Text)
            .Select(t => t.Key + "=" + (t.Text ?? t.Number.ToString())).ToListAsync());
        Assert.Contains("interests=yoga", rows);
        Assert.Contains("plan=pro", rows);
        Assert.DoesNotContain(rows, r => r.StartsWith("age=", StringComparison.Ordinal));
        var audit = await workspace.QueryAsync(db => db.AuditEntries.Where(a => a.Target == $"customer:{id}").Select(a => a.Action).ToListAsync());
        Assert.Equal(["customer.created", "customer.updated"], audit.Order());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Patch_WellKnownFieldsAndTraits_FillTheProfileFields(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var id = (await client.CreateCustomerAsync(new { email = "old@example.com" })).GetGuid("id");

        var patched = await client.PatchAsync($"/api/v1/customers/{id}", """
            {"name":"Bo Jensen","email":"Bo@Example.COM","phone":"+45 1234",
             "traits":{"address":{"country":"dk","city":"Aarhus"},"location":{"latitude":56.16,"longitude":10.2},"timezone":"Europe/Copenhagen"}}
            """);

        Assert.Equal("Bo Jensen", patched.GetString("name"));
        Assert.Equal("bo@example.com", patched.GetString("email"));
        Assert.Equal("+45 1234", patched.GetString("phone"));
        Assert.Equal("DK", patched.GetString("country"));
        Assert.Equal("Aarhus", patched.GetString("city"));
        Assert.Equal(56.16, patched.GetProperty("latitude").GetDouble());
        Assert.Equal("Europe/Copenhagen", patched.GetString("timeZone"));

        var cleared = await client.PatchAsync($"/api/v1/customers/{id}", """{"phone":null}""");
        Assert.True(cleared.IsNull("phone"));
        Assert.Equal("Bo Jensen", cleared.GetString("name"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Patch_LifecycleStage_SetsItByHandAndNullHandsItBackToTheRules(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var id = (await client.CreateCustomerAsync(new { externalId = "l1" })).GetGuid("id");

        var manual = await client.PatchAsync($"/api/v1/customers/l1", """{"lifecycleStage":"Advocacy"}""");
        Assert.Equal("advocacy", manual.GetString("lifecycleStage"));
        Assert.True(manual.GetProperty("lifecycleSetManually").GetBoolean());

        var computed = await client.PatchAsync($"/api/v1/customers/{id}", """{"lifecycleStage":null}""");
        Assert.False(computed.GetProperty("lifecycleSetManually").GetBoolean());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Patch_Consent_SetsAndClearsEachFlag(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var id = (await client.CreateCustomerAsync(new { externalId = "c1", consent = new { email = true, sms = true } })).GetGuid("id");

        var patched = await client.PatchAsync($"/api/v1/customers/{id}", """{"consent":{"sms":false,"email":null,"surveys":true}}""");

        var consent = patched.GetProperty("consent");
        Assert.True(consent.IsNull("email"));
        Assert.False(consent.GetProperty("sms").GetBoolean());
        Assert.True(consent.GetProperty("surveys").GetBoolean());
        Assert.True(consent.IsNull("tracking"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Patch_BadInput_AnswersFieldErrorsAndChangesNothing(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var id = (await client.CreateCustomerAsync(new { externalId = "b1", name = "Before" })).GetGuid("id");
        var url = $"/api/v1/customers/{id}";

        using var bad = await client.PatchAsync(url, Api.Json("""
            {"name":"After","email":"not-an-email","lifecycleStage":"sleeping","phone":42,"consent":{"email":"yes"},"colour":"red"}
            """));
        var problem = await Problem.AssertFieldAsync(bad, HttpStatusCode.BadRequest, "email");
        foreach (var field in new[] { "lifecycleStage", "phone", "consent.email", "colour" })
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"Expected an error for {field}: {problem}");
        }

        Assert.Equal("Before", (await client.GetJsonAsync(url)).GetString("name"));

        var huge = "{\"traits\":{\"notes\":\"" + new string('x', 40_000) + "\"}}";
        using var tooBig = await client.PatchAsync(url, Api.Json(huge));
        await Problem.AssertFieldAsync(tooBig, HttpStatusCode.BadRequest, "traits");

        using var wrongShape = await client.PatchAsync(url, Api.Json("""{"traits":"plan=pro"}"""));
        await Problem.AssertFieldAsync(wrongShape, HttpStatusCode.BadRequest, "traits");

        using var notJson = await client.PatchAsync(url, Api.Json("{name:"));
        await Problem.AssertFieldAsync(notJson, HttpStatusCode.BadRequest, "body");

        using var array = await client.PatchAsync(url, Api.Json("[]"));
        await Problem.AssertFieldAsync(array, HttpStatusCode.BadRequest, "body");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Create_WithoutAnyIdOrWithATakenExternalId_IsRefusedNamingExternalId(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        await client.CreateCustomerAsync(new { externalId = "dup" });

        using var none = await client.PostAsync("/api/v1/customers", Api.Json("""{"name":"Nobody"}"""));
        await Problem.AssertFieldAsync(none, HttpStatusCode.BadRequest, "externalId");

        using var taken = await client.PostAsync("/api/v1/customers", Api.Json("""{"externalId":"dup"}"""));
        await Problem.AssertFieldAsync(taken, HttpStatusCode.Conflict, "externalId");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AnotherWorkspacesCustomer_IsNotFoundForReadEditOrErase(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var mine = await TestWorkspace.CreateAsync(app);
        var theirs = await TestWorkspace.CreateAsync(app);
        using var theirClient = theirs.Client();
        var id = (await theirClient.CreateCustomerAsync(new { externalId = "shared-id", name = "Theirs" })).GetGuid("id");
        using var client = mine.Client();

        foreach (var url in new[] { $"/api/v1/customers/{id}", "/api/v1/customers/shared-id", $"/api/v1/customers/{id}/timeline" })
        {
            using var get = await client.GetAsync(url);
            await Problem.AssertAsync(get, HttpStatusCode.NotFound);
        }

        using var patch = await client.PatchAsync($"/api/v1/customers/{id}", Api.Json("""{"name":"Mine now"}"""));
        await Problem.AssertAsync(patch, HttpStatusCode.NotFound);
        using var erase = await client.PostAsync($"/api/v1/customers/{id}/erase", null);
        await Problem.AssertAsync(erase, HttpStatusCode.NotFound);
        Assert.Empty((await client.GetJsonAsync("/api/v1/customers?q=theirs")).Ids());
        Assert.Equal("Theirs", (await theirClient.GetJsonAsync($"/api/v1/customers/{id}")).GetString("name"));
    }
}
