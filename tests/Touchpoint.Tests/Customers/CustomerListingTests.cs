using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Segments;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Customers;

/// <summary>GET /api/v1/customers: search, filters, newest first, and pages that lose nothing.</summary>
[Collection(AppCollection.Name)]
public sealed class CustomerListingTests(AppFixture fixture)
{
    private static readonly DateTime T0 = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory, OnSqlite, OnPostgres]
    public async Task List_SearchInAnyCase_FindsByNameEmailExternalIdAndPhone(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var ana = (await client.CreateCustomerAsync(new { externalId = "CRM-Ana-1", name = "Ana Ödegaard", email = "Ana@Example.com", phone = "+31 6 1234" })).GetGuid("id");
        var bo = (await client.CreateCustomerAsync(new { externalId = "crm-bo-2", name = "Bo Jensen", email = "bo@example.org", phone = "+45 99" })).GetGuid("id");

        Assert.Equal([ana], (await client.GetJsonAsync("/api/v1/customers?q=ANA")).Ids());
        Assert.Equal([ana], (await client.GetJsonAsync("/api/v1/customers?q=example.COM")).Ids());
        Assert.Equal([bo], (await client.GetJsonAsync("/api/v1/customers?q=CRM-BO")).Ids());
        Assert.Equal([bo], (await client.GetJsonAsync("/api/v1/customers?q=%2B45")).Ids());
        Assert.Equal([bo, ana], (await client.GetJsonAsync("/api/v1/customers?q=crm")).Ids());
        Assert.Empty((await client.GetJsonAsync("/api/v1/customers?q=nobody")).Ids());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task List_Filters_ReturnOnlyMatchingCustomers(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var (segmentId, personaId) = await workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            var segment = new Segment { Name = "VIP", Kind = SegmentKind.Static, CreatedAt = T0, UpdatedAt = T0 };
            var persona = new Persona { Name = "Deal hunter", Rule = """{"type":"all","rules":[]}""", CreatedAt = T0 };
            db.AddRange(segment, persona);
            await db.SaveChangesAsync();
            return (segment.Id, persona.Id);
        });
        var ids = await workspace.AddRowsAsync(
            new Customer { ExternalId = "a", Country = "NL", LifecycleStage = LifecycleStage.Use, PersonaId = personaId, CreatedAt = T0 },
            new Customer { ExternalId = "b", Country = "DE", LifecycleStage = LifecycleStage.Use, CreatedAt = T0.AddMinutes(1) },
            new Customer { ExternalId = "c", Country = "NL", LifecycleStage = LifecycleStage.Advocacy, CreatedAt = T0.AddMinutes(2) });
        await workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            db.SegmentMembers.Add(new SegmentMember { SegmentId = segmentId, CustomerId = ids[2], AddedAt = T0 });
            await db.SaveChangesAsync();
        });

        Assert.Equal([ids[2]], (await client.GetJsonAsync($"/api/v1/customers?segment={segmentId}")).Ids());
        Assert.Equal([ids[1], ids[0]], (await client.GetJsonAsync("/api/v1/customers?lifecycle=USE")).Ids());
        Assert.Equal([ids[0]], (await client.GetJsonAsync($"/api/v1/customers?persona={personaId}")).Ids());
        Assert.Equal([ids[2], ids[0]], (await client.GetJsonAsync("/api/v1/customers?country=nl")).Ids());
        Assert.Equal([ids[0]], (await client.GetJsonAsync("/api/v1/customers?country=NL&lifecycle=use")).Ids());

        var listed = (await client.GetJsonAsync($"/api/v1/customers?segment={segmentId}")).GetProperty("items")[0];
        Assert.Equal("VIP", listed.GetProperty("segments")[0].GetString("name"));
        var withPersona = (await client.GetJsonAsync($"/api/v1/customers?persona={personaId}")).GetProperty("items")[0];
        Assert.Equal("Deal hunter", withPersona.GetProperty("persona").GetString("name"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task List_PagedByTwo_WalksEveryCustomerOnceNewestFirstEvenWithEqualTimes(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        // Three customers created at the very same instant: the id breaks the tie.
        var ids = await workspace.AddRowsAsync(
            new Customer { ExternalId = "1", CreatedAt = T0 },
            new Customer { ExternalId = "2", CreatedAt = T0.AddDays(1) },
            new Customer { ExternalId = "3", CreatedAt = T0.AddDays(1) },
            new Customer { ExternalId = "4", CreatedAt = T0.AddDays(1) },
            new Customer { ExternalId = "5", CreatedAt = T0.AddDays(2) });

        var seen = new List<Guid>();
        var times = new List<DateTime>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await client.GetJsonAsync($"/api/v1/customers?limit=2&cursor={cursor}");
            seen.AddRange(page.Ids());
            times.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("createdAt").GetDateTime().ToUniversalTime()));
            cursor = page.IsNull("next") ? null : page.GetString("next");
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(ids.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(times.OrderDescending(), times);
        Assert.Equal(ids[4], seen[0]);
        Assert.Equal(ids[0], seen[^1]);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task List_BadFilters_AnswerProblemsNamingEachField(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        using var stage = await client.GetAsync("/api/v1/customers?lifecycle=sleeping&country=Netherlands&cursor=nonsense&limit=0");
        var problem = await Problem.AssertFieldAsync(stage, HttpStatusCode.BadRequest, "lifecycle");
        foreach (var field in new[] { "country", "cursor", "limit" })
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"Expected an error for {field}: {problem}");
        }

        using var segment = await client.GetAsync("/api/v1/customers?segment=not-a-guid");
        await Problem.AssertFieldAsync(segment, HttpStatusCode.BadRequest, "segment");
    }
}
