using System.Net;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Customers;

/// <summary>DELETE and POST .../erase: what goes, what stays, and who may do it.</summary>
[Collection(AppCollection.Name)]
public sealed class CustomerErasureTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Erase_RemovesProfileEventsAndEmails_KeepsScoresWithoutCommentOrLink(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var (client, id) = await CustomerTimelineTests.ArrangeAsync(workspace);
        using var _ = client;

        var erased = await client.PostJsonAsync($"/api/v1/customers/{id}/erase", new { }, HttpStatusCode.OK);

        Assert.Equal(2, erased.GetProperty("responsesKept").GetInt32());
        using var gone = await client.GetAsync($"/api/v1/customers/{id}");
        await Problem.AssertAsync(gone, HttpStatusCode.NotFound);
        var responses = await client.GetJsonAsync("/api/v1/responses");
        var kept = responses.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([9, 4], kept.Select(r => r.GetProperty("score").GetInt32()));
        Assert.All(kept, r => Assert.True(r.IsNull("comment") && r.IsNull("customerId")));
        Assert.Equal(0, await workspace.QueryAsync(db => db.Events.CountAsync(e => e.CustomerId == id)));
        Assert.Equal(0, await workspace.QueryAsync(db => db.Outbox.CountAsync(m => m.CustomerId == id)));
        // The logged call keeps its times and rating for the metrics; what the person said and who they are is gone.
        var calls = await workspace.QueryAsync(db => db.Conversations.Where(c => c.Channel == Channel.Phone).ToListAsync());
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.True(c.CustomerId is null && c.ContactName is null && c.ContactEmail is null && c.CsatComment is null));
        Assert.Contains(calls, c => c.CsatScore == 5);
        Assert.Equal(0, await workspace.QueryAsync(db => db.ConversationMessages.CountAsync()));
        var audit = await workspace.QueryAsync(db => db.AuditEntries.Where(a => a.Target == $"customer:{id}").ToListAsync());
        Assert.Contains(audit, a => a.Action == "customer.erased");
        Assert.DoesNotContain(audit, a => $"{a.Details}".Contains("tess", StringComparison.OrdinalIgnoreCase)
            || $"{a.Details}".Contains("Timeline", StringComparison.Ordinal) || $"{a.Details}".Contains("t1", StringComparison.Ordinal));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Delete_RemovesProfileAndEvents_KeepsAnswersWithTheirComments(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var (client, id) = await CustomerTimelineTests.ArrangeAsync(workspace);
        using var _ = client;

        using var deleted = await client.DeleteAsync("/api/v1/customers/t1");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await client.GetAsync($"/api/v1/customers/{id}");
        await Problem.AssertAsync(gone, HttpStatusCode.NotFound);
        Assert.Equal(0, await workspace.QueryAsync(db => db.Events.CountAsync(e => e.CustomerId == id)));
        var kept = (await client.GetJsonAsync("/api/v1/responses")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Great fit", "Late parcel"], kept.Select(r => r.GetString("comment")));
        Assert.All(kept, r => Assert.True(r.IsNull("customerId")));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task EraseAndDelete_WithAWriteKey_AreForbidden(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var owner = workspace.Client();
        var id = (await owner.CreateCustomerAsync(new { externalId = "keep" })).GetGuid("id");
        var key = await workspace.CreateKeyAsync(ApiKeyKind.Rest, ApiScopes.Read, ApiScopes.Write);
        using var writer = workspace.ClientWithKey(key.PlainKey);

        await writer.PatchAsync($"/api/v1/customers/{id}", """{"name":"Edited"}""");
        using var erase = await writer.PostAsync($"/api/v1/customers/{id}/erase", null);
        using var delete = await writer.DeleteAsync($"/api/v1/customers/{id}");

        Assert.Equal(HttpStatusCode.Forbidden, erase.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal("Edited", (await owner.GetJsonAsync($"/api/v1/customers/{id}")).GetString("name"));
    }
}
