using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Tracking;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Tracking;

/// <summary>The Segment-compatible tracking API: each call stores the right event, answered like Segment answers.</summary>
[Collection(AppCollection.Name)]
public sealed class TrackingApiTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task EachCallType_StoresTheEventWithSourceChannelAndMappedTouchPoint(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var touchPoint = await FirstTouchPointAsync(api);
        await api.PostJsonAsync("/api/v1/tracking/mappings", new { touchPointId = touchPoint, eventType = "track", eventName = "Order Completed" },
            HttpStatusCode.Created);
        using var client = workspace.TrackingClientFor(await workspace.CreateWriteKeyAsync(TrackingSource.App));

        var answers = new List<JsonElement>
        {
            await client.PostJsonAsync("/v1/identify", new { userId = "u-1", traits = new { plan = "pro" } }, HttpStatusCode.OK),
            await client.PostJsonAsync("/v1/track", new { userId = "u-1", @event = "Order Completed", properties = new { total = 42.5 } }, HttpStatusCode.OK),
            await client.PostJsonAsync("/v1/page", new { userId = "u-1", name = "Pricing", properties = new { path = "/pricing" } }, HttpStatusCode.OK),
            await client.PostJsonAsync("/v1/screen", new { userId = "u-1", name = "Home" }, HttpStatusCode.OK),
            await client.PostJsonAsync("/v1/group", new { userId = "u-1", groupId = "acme", traits = new { employees = 50 } }, HttpStatusCode.OK),
            await client.PostJsonAsync("/v1/alias", new { userId = "u-1", previousId = "old-1" }, HttpStatusCode.OK),
        };

        Assert.All(answers, a => Assert.True(a.GetProperty("success").GetBoolean()));
        var events = await workspace.EventsAsync();
        Assert.Equal([EventType.Identify, EventType.Track, EventType.Page, EventType.Screen, EventType.Group, EventType.Alias],
            events.Select(e => e.Type));
        Assert.Equal([null, "Order Completed", "Pricing", "Home", "acme", null], events.Select(e => e.Name));
        Assert.All(events, e => Assert.Equal(TrackingSource.App, e.Source));
        Assert.All(events, e => Assert.Equal(Channel.App, e.Channel));
        Assert.Single(events.Select(e => e.CustomerId).Distinct());
        Assert.Equal(touchPoint, events[1].TouchPointId);
        Assert.All(events.Where(e => e.Type != EventType.Track), e => Assert.Null(e.TouchPointId));
        Assert.Equal(42.5, JsonDocument.Parse(events[1].Properties).RootElement.GetProperty("total").GetDouble());
        Assert.Equal("pro", JsonDocument.Parse(events[0].Properties).RootElement.GetProperty("plan").GetString());
        Assert.Equal(50, JsonDocument.Parse(events[4].Properties).RootElement.GetProperty("employees").GetInt32());
        var customer = Assert.Single(await workspace.CustomersAsync());
        Assert.Equal("u-1", customer.ExternalId);
        // "Last seen" is stored by a background flush, a couple of seconds behind the events.
        await Eventually.HoldsAsync(async () => (await workspace.CustomersAsync()).Single().LastSeenAt is not null, "last seen is recorded");
        var traits = JsonDocument.Parse(customer.Traits).RootElement;
        Assert.Equal("pro", traits.GetProperty("plan").GetString());
        Assert.Equal("acme", traits.GetProperty("company").GetProperty("id").GetString());
        Assert.Equal("acme", traits.GetProperty("groupId").GetString());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Track_KeyWithoutSourceAndContextChannel_IsWebUnlessTheContextNamesAnotherChannel(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.TrackingClientFor(await workspace.CreateWriteKeyAsync());

        await client.PostJsonAsync("/v1/track", new { anonymousId = "a-1", @event = "Viewed", context = new { channel = "server" } }, HttpStatusCode.OK);
        await client.PostJsonAsync("/v1/track", new { anonymousId = "a-1", @event = "Visited", context = new { channel = "store" } }, HttpStatusCode.OK);

        var events = await workspace.EventsAsync();
        Assert.Equal([Channel.Web, Channel.Store], events.Select(e => e.Channel));
        Assert.All(events, e => Assert.Equal(TrackingSource.Web, e.Source));
        Assert.Contains("\"channel\":\"store\"", events[1].Context, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task WriteKey_InBodyAsWriteKeyOrApiKey_IsAccepted(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var key = await workspace.CreateWriteKeyAsync();
        using var client = workspace.TrackingClientFor(null);

        await client.PostJsonAsync("/v1/track", new { writeKey = key, userId = "u", @event = "One" }, HttpStatusCode.OK);
        await client.PostJsonAsync("/v1/batch", new { api_key = key, batch = new[] { new { type = "track", userId = "u", @event = "Two" } } },
            HttpStatusCode.OK);

        Assert.Equal(["One", "Two"], (await workspace.EventsAsync()).Select(e => e.Name));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Track_RestKeyUnknownRevokedOrMissingWriteKey_Answers401AndStoresNothing(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var revoked = await workspace.InWorkspaceAsync(async services =>
        {
            var keys = services.GetRequiredService<ApiKeyService>();
            var created = await keys.CreateAsync("Old", ApiKeyKind.Write, [], "system");
            await keys.RevokeAsync(created.Key.Id, "system");
            return created.PlainKey;
        });
        var body = new { userId = "u", @event = "Nope" };

        foreach (var key in new[] { workspace.ApiKey, "tp_write_unknown", revoked })
        {
            using var client = workspace.TrackingClientFor(key);
            using var response = await client.PostAsJsonAsync("/v1/track", body);
            await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        }

        using var anonymous = workspace.TrackingClientFor(null);
        using var missing = await anonymous.PostAsJsonAsync("/v1/track", body);
        using var restInBody = await anonymous.PostAsJsonAsync("/v1/track", new { writeKey = workspace.ApiKey, userId = "u", @event = "Nope" });
        await Problem.AssertAsync(missing, HttpStatusCode.Unauthorized);
        var rest = await Problem.AssertAsync(restInBody, HttpStatusCode.Unauthorized);
        Assert.Contains("REST", rest.GetString("title"), StringComparison.Ordinal);
        Assert.Empty(await workspace.EventsAsync());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Batch_GzipAsTextPlainWithKeyInBody_IsDecompressedAndStored(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var key = await workspace.CreateWriteKeyAsync();
        using var client = workspace.TrackingClientFor(null);
        var json = JsonSerializer.Serialize(new
        {
            writeKey = key,
            context = new { library = new { name = "test" } },
            batch = new object[]
            {
                new { type = "page", anonymousId = "a-9", name = "Home" },
                new { type = "track", anonymousId = "a-9", @event = "Signed Up" },
            },
        });

        using var response = await client.PostAsync("/v1/batch", TrackingClient.Gzip(json));

        var answer = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(0, answer.GetProperty("rejected").GetArrayLength());
        var events = await workspace.EventsAsync();
        Assert.Equal(["Home", "Signed Up"], events.Select(e => e.Name));
        Assert.All(events, e => Assert.Contains("\"library\"", e.Context, StringComparison.Ordinal));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task MessageId_RepeatedInABatchAcrossRequestsAndConcurrently_IsStoredOnceAndAcknowledged(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.TrackingClientFor(await workspace.CreateWriteKeyAsync());
        var twice = new { type = "track", userId = "u", @event = "Twice", messageId = "m-1" };

        await client.PostJsonAsync("/v1/batch", new { batch = new[] { twice, twice } }, HttpStatusCode.OK);
        await client.PostJsonAsync("/v1/track", twice, HttpStatusCode.OK);
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            client.PostAsJsonAsync("/v1/track", new { userId = "u", @event = "Race", messageId = "m-race" })));

        Assert.All(concurrent, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var events = await workspace.EventsAsync();
        Assert.Single(events, e => e.MessageId == "m-1");
        Assert.Single(events, e => e.MessageId == "m-race");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Message_WithoutMessageId_GetsOneGenerated(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.TrackingClientFor(await workspace.CreateWriteKeyAsync());

        await client.PostJsonAsync("/v1/track", new { userId = "u", @event = "A" }, HttpStatusCode.OK);
        await client.PostJsonAsync("/v1/track", new { userId = "u", @event = "A" }, HttpStatusCode.OK);

        var events = await workspace.EventsAsync();
        Assert.Equal(2, events.Select(e => e.MessageId).Distinct().Count());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Sizes_OverTheEventAndBatchLimitsOrAGzipBomb_Answer400NamingTheLimit(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.TrackingClientFor(await workspace.CreateWriteKeyAsync());
        var filler = new string('x', 33 * 1024);

        using var bigEvent = await client.PostAsJsonAsync("/v1/track", new { userId = "u", @event = "Big", properties = new { filler } });
        using var bigBatch = await client.PostAsJsonAsync("/v1/batch", new
        {
            batch = Enumerable.Range(0, 20).Select(i => new { type = "track", userId = "u", @event = "Part", properties = new { filler = filler[..(30 * 1024)] } }),
        });
        using var bomb = await client.PostAsync("/v1/batch", TrackingClient.Gzip(
            "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"" + new string('0', 1024 * 1024) + "\"}]}", "application/json"));
        using var megabyte = await client.PostAsync("/v1/batch", Api.Json(
            "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"" + new string('0', 1024 * 1024) + "\"}]}"));

        Assert.Contains("32 KB", (await Problem.AssertFieldAsync(bigEvent, HttpStatusCode.BadRequest, "body")).GetString("title"), StringComparison.Ordinal);
        Assert.Contains("500 KB", (await Problem.AssertFieldAsync(bigBatch, HttpStatusCode.BadRequest, "body")).GetString("title"), StringComparison.Ordinal);
        Assert.Contains("500 KB", (await Problem.AssertFieldAsync(bomb, HttpStatusCode.BadRequest, "body")).GetString("title"), StringComparison.Ordinal);
        Assert.Contains("500 KB", (await Problem.AssertFieldAsync(megabyte, HttpStatusCode.BadRequest, "body")).GetString("title"), StringComparison.Ordinal);
        Assert.Empty(await workspace.EventsAsync());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task BadMessages_GetFieldErrorsNamingWhatToFix(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.TrackingClientFor(await workspace.CreateWriteKeyAsync());

        using var malformed = await client.PostAsync("/v1/track", new StringContent("{\"userId\": \"u\", ", Encoding.UTF8, "application/json"));
        using var noIds = await client.PostAsJsonAsync("/v1/track", new { @event = "Lost" });
        using var noEvent = await client.PostAsJsonAsync("/v1/track", new { userId = "u" });
        using var noPrevious = await client.PostAsJsonAsync("/v1/alias", new { userId = "u" });
        using var noGroup = await client.PostAsJsonAsync("/v1/group", new { userId = "u" });
        using var badTime = await client.PostAsJsonAsync("/v1/track", new { userId = "u", @event = "E", timestamp = "yesterday" });
        using var badProperties = await client.PostAsJsonAsync("/v1/track", new { userId = "u", @event = "E", properties = "plan=pro" });
        using var badTraits = await client.PostAsJsonAsync("/v1/identify", new { userId = "u", traits = new[] { 1, 2 } });
        using var unknownType = await client.PostAsJsonAsync("/v1/batch", new { batch = new[] { new { type = "purchase", userId = "u" } } });

        await Problem.AssertFieldAsync(malformed, HttpStatusCode.BadRequest, "body");
        await Problem.AssertFieldAsync(noIds, HttpStatusCode.BadRequest, "userId");
        await Problem.AssertFieldAsync(noEvent, HttpStatusCode.BadRequest, "event");
        await Problem.AssertFieldAsync(noPrevious, HttpStatusCode.BadRequest, "previousId");
        await Problem.AssertFieldAsync(noGroup, HttpStatusCode.BadRequest, "groupId");
        await Problem.AssertFieldAsync(badTime, HttpStatusCode.BadRequest, "timestamp");
        await Problem.AssertFieldAsync(badProperties, HttpStatusCode.BadRequest, "properties");
        await Problem.AssertFieldAsync(badTraits, HttpStatusCode.BadRequest, "traits");
        var report = await Problem.AssertAsync(unknownType, HttpStatusCode.BadRequest);
        Assert.Equal(0, report.GetProperty("accepted").GetInt32());
        Assert.True(report.GetProperty("rejected")[0].GetProperty("errors").TryGetProperty("type", out _));
        Assert.Empty(await workspace.EventsAsync());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Batch_WithOneBadMessage_StoresTheOthersAndReportsTheBadOne(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.TrackingClientFor(await workspace.CreateWriteKeyAsync());

        var answer = await client.PostJsonAsync("/v1/batch", new
        {
            batch = new object[]
            {
                new { type = "track", userId = "u", @event = "First" },
                new { type = "track", userId = "u", messageId = "bad-1" },
                new { type = "page", anonymousId = "a", name = "Last" },
            },
        }, HttpStatusCode.OK);

        Assert.True(answer.GetProperty("success").GetBoolean());
        Assert.Equal(2, answer.GetProperty("accepted").GetInt32());
        var rejected = Assert.Single(answer.GetProperty("rejected").EnumerateArray());
        Assert.Equal(1, rejected.GetProperty("index").GetInt32());
        Assert.Equal("bad-1", rejected.GetString("messageId"));
        Assert.True(rejected.GetProperty("errors").TryGetProperty("event", out _));
        Assert.Equal(["First", "Last"], (await workspace.EventsAsync()).Select(e => e.Name));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Track_CustomerWhoRefusedTracking_IsAcknowledgedButNotStored(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.TrackingClientFor(await workspace.CreateWriteKeyAsync());

        await client.PostJsonAsync("/v1/identify", new { userId = "private", traits = new { consent = new { tracking = false } } }, HttpStatusCode.OK);
        var answer = await client.PostJsonAsync("/v1/track", new { userId = "private", @event = "Viewed" }, HttpStatusCode.OK);
        await client.PostJsonAsync("/v1/page", new { userId = "private", name = "Home" }, HttpStatusCode.OK);

        Assert.True(answer.GetProperty("success").GetBoolean());
        var stored = Assert.Single(await workspace.EventsAsync());
        Assert.Equal(EventType.Identify, stored.Type);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Timestamp_WithoutSentAtIsKeptAndWithSentAtIsCorrectedForClockSkew(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.TrackingClientFor(await workspace.CreateWriteKeyAsync());
        var past = new DateTime(2026, 3, 1, 9, 30, 0, DateTimeKind.Utc);

        await client.PostJsonAsync("/v1/track", new { userId = "u", @event = "Historic", timestamp = "2026-03-01T10:30:00+01:00" }, HttpStatusCode.OK);
        // The sender's clock runs a year ahead: the event happened one minute before it was sent.
        await client.PostJsonAsync("/v1/track", new
        {
            userId = "u",
            @event = "Skewed",
            timestamp = "2099-01-01T12:00:00Z",
            sentAt = "2099-01-01T12:01:00Z",
        }, HttpStatusCode.OK);

        var events = await workspace.EventsAsync();
        Assert.Equal(past, events[0].OccurredAt);
        Assert.Equal(TimeSpan.FromMinutes(1), events[1].ReceivedAt - events[1].OccurredAt);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Preflight_FromAnyOrigin_IsAllowed(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.TrackingClientFor(null);
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v1/track");
        request.Headers.Add("Origin", "https://shop.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,authorization");

        using var response = await client.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, $"Preflight answered {(int)response.StatusCode}");
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    internal static async Task<Guid> FirstTouchPointAsync(HttpClient api, int index = 0)
    {
        var journeys = await api.GetJsonAsync("/api/v1/journeys");
        return journeys.GetProperty("items")[0].GetProperty("stages").EnumerateArray()
            .SelectMany(s => s.GetProperty("touchPoints").EnumerateArray()).ElementAt(index).GetGuid("id");
    }
}
