using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Tracking;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Import;

/// <summary>POST /api/v1/events/import: historical events land on their customers, once, whatever happens to other rows.</summary>
[Collection(AppCollection.Name)]
public sealed class EventImportTests(AppFixture fixture)
{
    private const string Url = "/api/v1/events/import";

    [Theory, OnSqlite, OnPostgres]
    public async Task Import_Events_StoresThemOnTheirCustomers_AndARerunStoresNothingTwice(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        await client.ImportAsync("/api/v1/customers/import", "externalId,name\nc1,Ann\n");
        const string csv = "userId,email,event,timestamp,type,channel,total,properties.currency\n" +
                           "c1,,Order Completed,2024-03-01T10:00:00Z,,,42.5,EUR\n" +
                           "c1,,Order Completed,2024-03-05T09:30:00+01:00,track,store,10,EUR\n" +
                           ",new@example.test,Pricing,2024-02-01T08:00:00Z,page,,,\n" +
                           "c2,,Signed Up,2024-01-15T12:00:00Z,,app,,\n";

        var first = await client.ImportAsync(Url, csv);
        var second = await client.ImportAsync(Url, csv);

        Assert.Equal((4, 4, 0, 2), (first.Count("rowsRead"), first.Count("created"), first.Count("failed"), first.Count("customersCreated")));
        Assert.Equal((0, 4, 0), (second.Count("created"), second.Count("unchanged"), second.Count("customersCreated")));
        var events = await workspace.QueryAsync(db => db.Events.AsNoTracking().OrderBy(e => e.OccurredAt).ToListAsync());
        Assert.Equal(4, events.Count);
        Assert.All(events, e => Assert.Equal(TrackingSource.Import, e.Source));
        Assert.All(events, e => Assert.StartsWith("import-", e.MessageId, StringComparison.Ordinal));
        var order = events.Single(e => e.OccurredAt == new DateTime(2024, 3, 5, 8, 30, 0, DateTimeKind.Utc));
        Assert.Equal((Channel.Store, EventType.Track), (order.Channel, order.Type));
        Assert.Equal(10, JsonNode.Parse(order.Properties)!["total"]!.GetValue<int>());
        Assert.Equal("EUR", JsonNode.Parse(order.Properties)!["currency"]!.GetValue<string>());
        var page = events.Single(e => e.Name == "Pricing");
        Assert.Equal((EventType.Page, Channel.Web), (page.Type, page.Channel));
        var customers = await workspace.QueryAsync(db => db.Customers.AsNoTracking().ToListAsync());
        Assert.Equal(3, customers.Count);
        var ann = customers.Single(c => c.ExternalId == "c1");
        Assert.Equal(new DateTime(2024, 3, 5, 8, 30, 0, DateTimeKind.Utc), ann.LastSeenAt);
        Assert.Equal(2, events.Count(e => e.CustomerId == ann.Id));
        Assert.Contains(customers, c => c.Email == "new@example.test" && c.ExternalId is null);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Import_GivenMessageIds_AreKept_AndDuplicatesInTheFileAreStoredOnce(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        var report = await client.ImportAsync(Url, "userId,event,timestamp,messageId\n" +
                                                   "c1,Login,2024-01-01T00:00:00Z,m-1\n" +
                                                   "c1,Login,2024-01-02T00:00:00Z,m-1\n" +
                                                   "c1,Login,2024-01-03T00:00:00Z,m-2\n");

        Assert.Equal((2, 1), (report.Count("created"), report.Count("unchanged")));
        var ids = await workspace.QueryAsync(db => db.Events.AsNoTracking().OrderBy(e => e.MessageId).Select(e => e.MessageId).ToListAsync());
        Assert.Equal(["m-1", "m-2"], ids);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Import_BadTimestampsAndMissingFields_FailTheirRowsOnly(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var future = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var csv = "userId,event,timestamp,type,source\n" +
                  "c1,Login,2024-01-01T00:00:00Z,,\n" +
                  "c1,Login,,,\n" +
                  "c1,Login,01/02/2024,,\n" +
                  "c1,Login,yesterday,,\n" +
                  $"c1,Login,{future},,\n" +
                  "c1,,2024-01-01T00:00:00Z,,\n" +
                  ",Login,2024-01-01T00:00:00Z,,\n" +
                  "c1,Login,2024-01-04T00:00:00Z,identify,\n" +
                  "c1,Login,2024-01-05T00:00:00Z,,mainframe\n" +
                  "c1,Login,2024-01-06T00:00:00Z,page,web\n";

        var report = await client.ImportAsync(Url, csv);

        Assert.Equal((10, 2, 8), (report.Count("rowsRead"), report.Count("created"), report.Count("failed")));
        Assert.Equal(
            [(3, "timestamp"), (4, "timestamp"), (5, "timestamp"), (6, "timestamp"), (7, "event"), (8, "userId"), (9, "type"), (10, "source")],
            report.Errors().Select(e => (e.Line, e.Column)));
        Assert.Contains("future", report.Errors()[3].Message, StringComparison.Ordinal);
        var web = await workspace.QueryAsync(db => db.Events.AsNoTracking().SingleAsync(e => e.Source == TrackingSource.Web));
        Assert.Equal(EventType.Page, web.Type);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Import_DryRun_CountsEventsAndCustomersButWritesNothing(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        var report = await client.ImportAsync($"{Url}?dryRun=true", "userId,event,timestamp\nc1,A,2024-01-01T00:00:00Z\nc1,A,2024-01-01T00:00:00Z\nc2,B,2024-01-01T00:00:00Z\n");

        Assert.Equal((2, 1, 2), (report.Count("created"), report.Count("unchanged"), report.Count("customersCreated")));
        Assert.Equal(0, await workspace.QueryAsync(db => db.Events.CountAsync()));
        Assert.Equal(0, await workspace.QueryAsync(db => db.Customers.CountAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Import_FileWithoutTheRequiredColumns_Is400(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        using var response = await client.PostCsvAsync(Url, "userId,event\nc1,Login\n");

        var problem = await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "file");
        Assert.Contains("timestamp", problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
    }
}
