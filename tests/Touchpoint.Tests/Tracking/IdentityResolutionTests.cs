using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Segments;
using Touchpoint.Core.Surveys;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Tracking;

/// <summary>Every message lands on one customer profile; identify and alias join profiles that turn out to be one person.</summary>
[Collection(AppCollection.Name)]
public sealed class IdentityResolutionTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task AnonymousPageViewsThenIdentify_GiveOneKnownProfileWithAllEvents(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.TrackingClientFor(await workspace.CreateWriteKeyAsync());

        await client.PostJsonAsync("/v1/page", new { anonymousId = "device-1", name = "Home" }, HttpStatusCode.OK);
        await client.PostJsonAsync("/v1/page", new { anonymousId = "device-1", name = "Pricing" }, HttpStatusCode.OK);
        await client.PostJsonAsync("/v1/identify", new { userId = "ana", anonymousId = "device-1", traits = new { email = "Ana@Example.com" } },
            HttpStatusCode.OK);
        await client.PostJsonAsync("/v1/track", new { userId = "ana", @event = "Order Completed" }, HttpStatusCode.OK);

        var customer = Assert.Single(await workspace.CustomersAsync());
        Assert.Equal("ana", customer.ExternalId);
        Assert.Equal("ana@example.com", customer.Email);
        Assert.All(await workspace.EventsAsync(), e => Assert.Equal(customer.Id, e.CustomerId));
        Assert.Equal(4, (await workspace.EventsAsync()).Count);
        var identity = Assert.Single(await workspace.IdentitiesAsync());
        Assert.Equal((IdentityKind.AnonymousId, "device-1", customer.Id), (identity.Kind, identity.Value, identity.CustomerId));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Identify_AnonymousProfileOfAKnownCustomer_MergesEventsAnswersSegmentsAndTraitsKnownWins(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.TrackingClientFor(await workspace.CreateWriteKeyAsync());
        await client.PostJsonAsync("/v1/identify", new { userId = "bo", traits = new { plan = "pro", name = "Bo" } }, HttpStatusCode.OK);
        // In one batch: the visitor browses anonymously, then signs in on the same device.
        await client.PostJsonAsync("/v1/batch", new
        {
            batch = new object[]
            {
                new { type = "identify", anonymousId = "phone-7", traits = new { plan = "free", city = "Utrecht" } },
                new { type = "track", anonymousId = "phone-7", @event = "Cart Viewed" },
            },
        }, HttpStatusCode.OK);
        var anonymous = (await workspace.CustomersAsync()).Single(c => c.ExternalId is null);
        await workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            var survey = new Survey { Name = "NPS", Definition = "{}", Metric = SurveyMetric.Nps, LinkId = Guid.NewGuid().ToString("N"), CreatedAt = DateTime.UtcNow };
            var segment = new Segment { Name = "Browsers", Kind = SegmentKind.Static, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.AddRange(survey, segment);
            await db.SaveChangesAsync();
            db.Responses.Add(new Response { SurveyId = survey.Id, CustomerId = anonymous.Id, Metric = SurveyMetric.Nps, Score = 9, SubmittedAt = DateTime.UtcNow });
            db.SegmentMembers.Add(new SegmentMember { SegmentId = segment.Id, CustomerId = anonymous.Id, AddedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

        await client.PostJsonAsync("/v1/identify", new { userId = "bo", anonymousId = "phone-7" }, HttpStatusCode.OK);

        var customer = Assert.Single(await workspace.CustomersAsync());
        Assert.Equal("bo", customer.ExternalId);
        var traits = JsonDocument.Parse(customer.Traits).RootElement;
        Assert.Equal("pro", traits.GetProperty("plan").GetString());
        Assert.Equal("Utrecht", traits.GetProperty("city").GetString());
        Assert.Equal("Utrecht", customer.City);
        Assert.All(await workspace.EventsAsync(), e => Assert.Equal(customer.Id, e.CustomerId));
        Assert.Equal(4, (await workspace.EventsAsync()).Count);
        var moved = await workspace.QueryAsync(async db => (
            Responses: db.Responses.Count(r => r.CustomerId == customer.Id),
            Members: db.SegmentMembers.Count(m => m.CustomerId == customer.Id),
            Traits: db.CustomerTraits.Count(t => t.CustomerId == customer.Id && t.Key == "plan" && t.Text == "pro")));
        Assert.Equal((1, 1, 1), moved);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Alias_OldIdToNewId_MergesTheProfilesAndLaterCallsWithTheOldIdFindTheMergedOne(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.TrackingClientFor(await workspace.CreateWriteKeyAsync());
        await client.PostJsonAsync("/v1/track", new { userId = "crm-17", @event = "Old Order" }, HttpStatusCode.OK);
        await client.PostJsonAsync("/v1/track", new { userId = "ana@example.com", @event = "New Order" }, HttpStatusCode.OK);

        await client.PostJsonAsync("/v1/alias", new { previousId = "crm-17", userId = "ana@example.com" }, HttpStatusCode.OK);
        await client.PostJsonAsync("/v1/track", new { userId = "crm-17", @event = "Late Order" }, HttpStatusCode.OK);

        var customer = Assert.Single(await workspace.CustomersAsync());
        Assert.Equal("ana@example.com", customer.ExternalId);
        Assert.All(await workspace.EventsAsync(), e => Assert.Equal(customer.Id, e.CustomerId));
        Assert.Contains(await workspace.IdentitiesAsync(), i => i.Kind == IdentityKind.PreviousId && i.Value == "crm-17");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Identify_BadWellKnownTrait_StoresTheEventAndRawTraitsAndSkipsOnlyThatField(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.TrackingClientFor(await workspace.CreateWriteKeyAsync());

        await client.PostJsonAsync("/v1/identify", new { userId = "cy", traits = new { country = "Narnia", email = "cy@example.com" } }, HttpStatusCode.OK);

        var customer = Assert.Single(await workspace.CustomersAsync());
        Assert.Null(customer.Country);
        Assert.Equal("cy@example.com", customer.Email);
        Assert.Equal("Narnia", JsonDocument.Parse(customer.Traits).RootElement.GetProperty("country").GetString());
        Assert.Single(await workspace.EventsAsync());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ConcurrentFirstCalls_ForOneNewVisitor_CreateOneProfile(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.TrackingClientFor(await workspace.CreateWriteKeyAsync());

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            client.PostAsync("/v1/page", Api.Json($$"""{"anonymousId":"burst","userId":"dee","name":"Page {{i}}"}"""))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var customer = Assert.Single(await workspace.CustomersAsync());
        Assert.Equal(8, (await workspace.EventsAsync()).Count(e => e.CustomerId == customer.Id));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task WriteKey_OfOneWorkspace_WritesOnlyThere(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var mine = await TestWorkspace.CreateAsync(app);
        var theirs = await TestWorkspace.CreateAsync(app);
        using var myClient = mine.TrackingClientFor(await mine.CreateWriteKeyAsync());
        using var theirClient = theirs.TrackingClientFor(await theirs.CreateWriteKeyAsync());

        await myClient.PostJsonAsync("/v1/track", new { userId = "same-user", @event = "Mine", messageId = "shared-id" }, HttpStatusCode.OK);
        await theirClient.PostJsonAsync("/v1/track", new { userId = "same-user", @event = "Theirs", messageId = "shared-id" }, HttpStatusCode.OK);

        Assert.Equal(["Mine"], (await mine.EventsAsync()).Select(e => e.Name));
        Assert.Equal(["Theirs"], (await theirs.EventsAsync()).Select(e => e.Name));
        Assert.NotEqual((await mine.CustomersAsync()).Single().Id, (await theirs.CustomersAsync()).Single().Id);
    }
}
