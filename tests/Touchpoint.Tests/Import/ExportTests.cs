using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Core.Segments;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Import;

/// <summary>GET /api/v1/customers/export and /events/export: everything out, in a form that imports back unchanged.</summary>
[Collection(AppCollection.Name)]
public sealed class ExportTests(AppFixture fixture)
{
    private const string Customers = "id,email,name,phone,country,region,city,latitude,longitude,timezone,lifecycleStage,consent_email," +
                                     "plan,seats,vip,address.street,tags\n" +
                                     "c1,ann@example.test,\"Ann, the first\",+31 20 123,NL,Noord-Holland,Amsterdam,52.37,4.89,Europe/Amsterdam,use,true," +
                                     "pro,12,true,Damrak 1,\"[\"\"a\"\",\"\"b\"\"]\"\n" +
                                     "c2,bob@example.test,Bob,,US,Texas,Austin,30.27,-97.74,,purchase,false,free,-3,false,,\n" +
                                     ",cy@example.test,Cy,,,,,,,,,,,,,,\n";

    [Theory, OnSqlite, OnPostgres]
    public async Task ExportCsv_ImportedIntoAnotherWorkspace_GivesTheSameCustomers(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var source = await TestWorkspace.CreateAsync(app);
        var target = await TestWorkspace.CreateAsync(app);
        using var sourceClient = source.Client();
        using var targetClient = target.Client();
        await sourceClient.ImportAsync("/api/v1/customers/import", Customers);

        using var export = await sourceClient.GetAsync("/api/v1/customers/export?format=csv");
        var csv = await export.Content.ReadAsStringAsync();
        var report = await targetClient.ImportAsync("/api/v1/customers/import", csv);

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal((3, 3, 0), (report.Count("rowsRead"), report.Count("created"), report.Count("failed")));
        var before = await source.QueryAsync(db => db.Customers.AsNoTracking().OrderBy(c => c.Email).ToListAsync());
        var after = await target.QueryAsync(db => db.Customers.AsNoTracking().OrderBy(c => c.Email).ToListAsync());
        Assert.Equal(
            before.Select(c => (c.ExternalId, c.Email, c.Name, c.Phone, c.Country, c.Region, c.City, c.Latitude, c.Longitude, c.TimeZone, c.LifecycleStage, c.Consent.Email)),
            after.Select(c => (c.ExternalId, c.Email, c.Name, c.Phone, c.Country, c.Region, c.City, c.Latitude, c.Longitude, c.TimeZone, c.LifecycleStage, c.Consent.Email)));
        Assert.All(before.Zip(after), pair => Assert.True(JsonNode.DeepEquals(JsonNode.Parse(pair.First.Traits), JsonNode.Parse(pair.Second.Traits)),
            $"{pair.First.Traits} != {pair.Second.Traits}"));
        var again = await targetClient.ImportAsync("/api/v1/customers/import", csv);
        Assert.Equal(3, again.Count("unchanged"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ExportCsv_CellsThatASpreadsheetWouldRun_AreDefused_NumbersAreNot(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        await client.ImportAsync("/api/v1/customers/import",
            "externalId,name,formula,at,plus,balance\n" +
            "\"=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\",\"@SUM(A1)\",=1+2,@home,+call,-12.5\n");

        var csv = await (await client.GetAsync("/api/v1/customers/export?format=csv")).Content.ReadAsStringAsync();

        var row = csv.Split('\n')[1];
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\"", row, StringComparison.Ordinal);
        Assert.Contains(",'@SUM(A1),", row, StringComparison.Ordinal);
        Assert.Contains(",'=1+2,", row, StringComparison.Ordinal);
        Assert.Contains(",'@home,", row, StringComparison.Ordinal);
        Assert.Contains(",'+call", row, StringComparison.Ordinal);
        Assert.Contains(",-12.5,", row, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", row, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ExportJson_IsAnArrayOfCustomersWithTheirTraits_AndSegmentNarrowsIt(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        await client.ImportAsync("/api/v1/customers/import", Customers);
        var segmentId = await workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            var bob = await db.Customers.SingleAsync(c => c.ExternalId == "c2");
            var segment = new Segment { Name = "Texans", Kind = SegmentKind.Static, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Segments.Add(segment);
            db.SegmentMembers.Add(new SegmentMember { SegmentId = segment.Id, CustomerId = bob.Id, AddedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return segment.Id;
        });

        var all = await client.GetJsonAsync("/api/v1/customers/export?format=json");
        var texans = await client.GetJsonAsync($"/api/v1/customers/export?format=json&segment={segmentId}");
        using var unknown = await client.GetAsync($"/api/v1/customers/export?format=json&segment={Guid.NewGuid()}");
        using var badFormat = await client.GetAsync("/api/v1/customers/export?format=xlsx");

        Assert.Equal(JsonValueKind.Array, all.ValueKind);
        Assert.Equal(3, all.GetArrayLength());
        var ann = all.EnumerateArray().Single(c => c.GetString("externalId") == "c1");
        Assert.Equal("pro", ann.GetProperty("traits").GetProperty("plan").GetString());
        Assert.Equal(12, ann.GetProperty("traits").GetProperty("seats").GetInt32());
        Assert.True(ann.GetProperty("consent").GetProperty("email").GetBoolean());
        Assert.Equal("use", ann.GetString("lifecycleStage"));
        Assert.Equal(["c2"], texans.EnumerateArray().Select(c => c.GetString("externalId")));
        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound);
        await Problem.AssertFieldAsync(badFormat, HttpStatusCode.BadRequest, "format");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ExportEvents_CsvImportsBackAsTheSameEvents_AndFromToFilter(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var source = await TestWorkspace.CreateAsync(app);
        var target = await TestWorkspace.CreateAsync(app);
        using var sourceClient = source.Client();
        using var targetClient = target.Client();
        await sourceClient.ImportAsync("/api/v1/events/import", "userId,event,timestamp,channel,total,note\n" +
                                                                "c1,Order Completed,2024-03-01T10:00:00Z,store,42.5,\"=cmd\"\n" +
                                                                "c1,Login,2024-04-01T10:00:00Z,,,\n" +
                                                                "c2,Login,2024-05-01T10:00:00Z,app,,\n");

        var csv = await (await sourceClient.GetAsync("/api/v1/events/export?format=csv")).Content.ReadAsStringAsync();
        var report = await targetClient.ImportAsync("/api/v1/events/import", csv);
        var april = await sourceClient.GetJsonAsync("/api/v1/events/export?format=json&from=2024-04-01T00:00:00Z&to=2024-05-01T00:00:00Z");

        Assert.Equal((3, 3, 0), (report.Count("rowsRead"), report.Count("created"), report.Count("failed")));
        var before = await source.QueryAsync(db => db.Events.AsNoTracking().OrderBy(e => e.OccurredAt).ToListAsync());
        var after = await target.QueryAsync(db => db.Events.AsNoTracking().OrderBy(e => e.OccurredAt).ToListAsync());
        Assert.Equal(before.Select(e => (e.MessageId, e.Name, e.Type, e.Channel, e.Source, e.OccurredAt)),
            after.Select(e => (e.MessageId, e.Name, e.Type, e.Channel, e.Source, e.OccurredAt)));
        Assert.All(before.Zip(after), p => Assert.True(JsonNode.DeepEquals(JsonNode.Parse(p.First.Properties), JsonNode.Parse(p.Second.Properties))));
        Assert.Equal("Login", Assert.Single(april.EnumerateArray()).GetString("event"));
        Assert.Equal("c1", april[0].GetString("userId"));
    }
}
