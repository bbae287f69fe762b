using System.Net;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Customers;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Tracking;

/// <summary>
/// Plain events of a known user skip the profile read for a few seconds: every change that matters
/// (consent, the user id, deletion) must still take effect on the very next event.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class KnownUsersTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task ConsentWithdrawnOnTheProfile_StopsTheNextEvent(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var tracking = workspace.TrackingClientFor(await workspace.CreateWriteKeyAsync());
        using var api = workspace.Client();
        await tracking.PostJsonAsync("/v1/track", new { userId = "u-1", @event = "Before" }, HttpStatusCode.OK);

        await api.PatchAsync("/api/v1/customers/u-1", """{"consent":{"tracking":false}}""");
        await tracking.PostJsonAsync("/v1/track", new { userId = "u-1", @event = "After" }, HttpStatusCode.OK);

        Assert.Equal(["Before"], (await workspace.EventsAsync()).Select(e => e.Name));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ConsentGivenAgainByIdentify_KeepsTheNextEvent(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var tracking = workspace.TrackingClientFor(await workspace.CreateWriteKeyAsync());
        await tracking.PostJsonAsync("/v1/identify", new { userId = "u-1", traits = new { consent = new { tracking = false } } }, HttpStatusCode.OK);
        await tracking.PostJsonAsync("/v1/track", new { userId = "u-1", @event = "Refused" }, HttpStatusCode.OK);

        await tracking.PostJsonAsync("/v1/identify", new { userId = "u-1", traits = new { consent = new { tracking = true } } }, HttpStatusCode.OK);
        await tracking.PostJsonAsync("/v1/track", new { userId = "u-1", @event = "Allowed" }, HttpStatusCode.OK);

        Assert.DoesNotContain("Refused", (await workspace.EventsAsync()).Select(e => e.Name));
        Assert.Contains("Allowed", (await workspace.EventsAsync()).Select(e => e.Name));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task UserIdRenamedOnTheProfile_OldIdNoLongerReachesIt(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var tracking = workspace.TrackingClientFor(await workspace.CreateWriteKeyAsync());
        using var api = workspace.Client();
        await tracking.PostJsonAsync("/v1/track", new { userId = "old-id", @event = "First" }, HttpStatusCode.OK);
        var renamed = (await workspace.CustomersAsync()).Single();

        await api.PatchAsync("/api/v1/customers/old-id", """{"externalId":"new-id"}""");
        await tracking.PostJsonAsync("/v1/track", new { userId = "old-id", @event = "Second" }, HttpStatusCode.OK);

        var second = (await workspace.EventsAsync()).Single(e => e.Name == "Second");
        Assert.NotEqual(renamed.Id, second.CustomerId);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ProfileDeletedOnAnotherNode_NextEventIsStoredOnAFreshProfile(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var tracking = workspace.TrackingClientFor(await workspace.CreateWriteKeyAsync());
        await tracking.PostJsonAsync("/v1/track", new { userId = "u-1", @event = "First" }, HttpStatusCode.OK);
        var deleted = (await workspace.CustomersAsync()).Single();

        // Bulk deletes bypass the change tracker, as a change made by another node does: this node still remembers u-1.
        await workspace.QueryAsync(async db =>
        {
            await db.Events.Where(e => e.CustomerId == deleted.Id).ExecuteDeleteAsync();
            await db.CustomerIdentities.Where(i => i.CustomerId == deleted.Id).ExecuteDeleteAsync();
            return await db.Customers.Where(c => c.Id == deleted.Id).ExecuteDeleteAsync();
        });
        await tracking.PostJsonAsync("/v1/track", new { userId = "u-1", @event = "Second" }, HttpStatusCode.OK);

        var customer = (await workspace.CustomersAsync()).Single();
        Assert.NotEqual(deleted.Id, customer.Id);
        Assert.Equal("u-1", customer.ExternalId);
        Assert.Equal(customer.Id, (await workspace.EventsAsync()).Single(e => e.Name == "Second").CustomerId);
    }
}
