using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Tests.Customers;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Feedback;

/// <summary>
/// A completed response is POSTed to every subscribed webhook through the outbox, signed per
/// Standard Webhooks; the signature is checked here independently of the app's own code.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class WebhookDeliveryTests(AppFixture fixture)
{
    private static async Task<(string Id, string Secret)> SubscribeAsync(HttpClient client, string url)
    {
        var created = await client.PostJsonAsync("/api/v1/webhooks", new { url, events = new[] { "response.completed" } }, HttpStatusCode.Created);
        return (created.GetString("id")!, created.GetString("secret")!);
    }

    /// <summary>Standard Webhooks verification, written from the convention: HMAC-SHA256 over "id.timestamp.body".</summary>
    private static bool SignatureHolds(LocalServer.Received request, string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = $"{request.Headers["webhook-id"]}.{request.Headers["webhook-timestamp"]}.{request.Body}";
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(signed)));
        return request.Headers["webhook-signature"].Split(' ').Any(s => s == "v1," + expected);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task CompleteResponse_WithWebhook_PostsSignedPayloadOnceAndShowsItSent(DatabaseProvider provider)
    {
        await using var receiver = await LocalServer.StartAsync((context, _) => { context.Response.StatusCode = 204; return Task.CompletedTask; });
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var (webhookId, secret) = await SubscribeAsync(client, receiver.BaseUrl + "/hooks/touchpoint");
        var survey = await client.CreateSurveyAsync("nps", "Checkout NPS");
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var response = await client.SubmitAsync(survey.GetGuid("id"), 9, comment: "Fast <b>delivery</b>");

        var request = await receiver.NextAsync("the webhook delivery");
        Assert.Equal("POST", request.Method);
        Assert.Equal("/hooks/touchpoint", request.Path);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.True(SignatureHolds(request, secret), "The webhook-signature header does not verify with the webhook's secret.");
        var timestamp = long.Parse(request.Headers["webhook-timestamp"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(timestamp, before - 5, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("response.completed", body.GetString("type"));
        var data = body.GetProperty("data");
        Assert.Equal(response.GetInt64("id"), data.GetInt64("id"));
        Assert.Equal(survey.GetGuid("id"), data.GetProperty("survey").GetGuid("id"));
        Assert.Equal("Checkout NPS", data.GetProperty("survey").GetString("name"));
        Assert.Equal(1, data.GetProperty("survey").GetProperty("version").GetInt32());
        Assert.Equal(9, data.GetProperty("answers").GetProperty("score").GetInt32());
        Assert.Equal("Fast <b>delivery</b>", data.GetProperty("answers").GetString("comment"));

        var delivery = await Eventually.ReturnsAsync(async () =>
        {
            var page = await client.GetJsonAsync($"/api/v1/webhooks/{webhookId}/deliveries");
            return page.GetProperty("items").EnumerateArray().Where(d => d.GetString("status") == "sent").Select(d => (object)d).FirstOrDefault();
        }, "the delivery to show as sent");
        var sent = (JsonElement)delivery;
        Assert.Equal(1, sent.GetProperty("attempts").GetInt32());
        Assert.Equal($"outbox-{sent.GetInt64("id")}", request.Headers["webhook-id"]);
        Assert.Equal(0, receiver.Pending);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Delivery_ReceiverFails_StaysPendingWithTheErrorForARetry(DatabaseProvider provider)
    {
        await using var receiver = await LocalServer.StartAsync((context, _) => { context.Response.StatusCode = 503; return Task.CompletedTask; });
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var (webhookId, _) = await SubscribeAsync(client, receiver.BaseUrl + "/down");
        var survey = await client.CreateSurveyAsync();

        await client.SubmitAsync(survey.GetGuid("id"), 3);

        await receiver.NextAsync("the first delivery attempt");
        var failed = await Eventually.ReturnsAsync(async () =>
        {
            var page = await client.GetJsonAsync($"/api/v1/webhooks/{webhookId}/deliveries");
            return page.GetProperty("items").EnumerateArray().Where(d => d.GetProperty("lastError").ValueKind == JsonValueKind.String)
                .Select(d => (object)d).FirstOrDefault();
        }, "the failed attempt to be recorded");
        var row = (JsonElement)failed;
        Assert.Equal("pending", row.GetString("status"));
        Assert.Equal(1, row.GetProperty("attempts").GetInt32());
        Assert.Contains("503", row.GetString("lastError"), StringComparison.Ordinal);
        Assert.True(row.GetProperty("nextAttemptAt").GetDateTime() > DateTime.UtcNow, "A retry is scheduled with backoff.");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Delivery_RedirectToAnotherHost_IsNotFollowed(DatabaseProvider provider)
    {
        await using var elsewhere = await LocalServer.StartAsync((context, _) => { context.Response.StatusCode = 200; return Task.CompletedTask; });
        // "localhost" is another host than 127.0.0.1 to the sender, though it reaches the same machine.
        var target = elsewhere.BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal) + "/stolen";
        await using var receiver = await LocalServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = target;
            return Task.CompletedTask;
        });
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var (webhookId, _) = await SubscribeAsync(client, receiver.BaseUrl + "/moved");
        var survey = await client.CreateSurveyAsync();

        await client.SubmitAsync(survey.GetGuid("id"), 10);

        await receiver.NextAsync("the delivery attempt");
        var failed = await Eventually.ReturnsAsync(async () =>
        {
            var page = await client.GetJsonAsync($"/api/v1/webhooks/{webhookId}/deliveries");
            return page.GetProperty("items").EnumerateArray().Where(d => d.GetProperty("lastError").ValueKind == JsonValueKind.String)
                .Select(d => (object)d).FirstOrDefault();
        }, "the refused redirect to be recorded");
        Assert.Contains("another host", ((JsonElement)failed).GetString("lastError"), StringComparison.Ordinal);
        Assert.Equal(0, elsewhere.Pending);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Notifier_SeveralAtOnce_QueuesEachResponseOncePerWebhook(DatabaseProvider provider)
    {
        await using var receiver = await LocalServer.StartAsync((context, _) => { context.Response.StatusCode = 200; return Task.CompletedTask; });
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        using var client = workspace.Client();
        await SubscribeAsync(client, receiver.BaseUrl + "/a");
        await SubscribeAsync(client, receiver.BaseUrl + "/b");
        var survey = await client.CreateSurveyAsync();
        var notifier = app.Services.GetRequiredService<ResponseNotifier>();

        // Answers arrive while three extra notifiers (as on other nodes) race the app's own.
        var submissions = Enumerable.Range(0, 12).Select(i => client.SubmitAsync(survey.GetGuid("id"), i % 11)).ToList();
        var racers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            for (var round = 0; round < 5; round++)
            {
                await notifier.NotifyDueAsync(CancellationToken.None);
            }
        })).ToList();
        await Task.WhenAll(submissions);
        await Task.WhenAll(racers);

        var ids = (await Task.WhenAll(submissions)).Select(r => r.GetInt64("id")).ToHashSet();
        await Eventually.HoldsAsync(() => workspace.QueryAsync(db =>
            db.Responses.Where(r => ids.Contains(r.Id)).AllAsync(r => r.Notified)), "every response to be announced");
        var queued = await workspace.QueryAsync(db => db.Outbox.Where(m => m.WorkspaceId == workspace.Id && m.Kind == "webhook")
            .Select(m => m.TextBody).ToListAsync());
        var perResponse = queued.Select(b => JsonDocument.Parse(b).RootElement.GetProperty("data").GetInt64("id")).GroupBy(id => id).ToList();
        Assert.Equal(ids.OrderBy(i => i), perResponse.Select(g => g.Key).OrderBy(i => i));
        Assert.All(perResponse, g => Assert.Equal(2, g.Count()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Payload_NamesTheCustomerUnlessTheSurveyIsAnonymous(DatabaseProvider provider)
    {
        await using var receiver = await LocalServer.StartAsync((context, _) => { context.Response.StatusCode = 200; return Task.CompletedTask; });
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var customer = (await client.CreateCustomerAsync(new { externalId = "cus_77", name = "Ada" })).GetGuid("id");
        await SubscribeAsync(client, receiver.BaseUrl + "/hook");
        var named = (await client.CreateSurveyAsync()).GetGuid("id");
        var anonymous = (await client.CreateSurveyAsync()).GetGuid("id");
        await workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            (await db.Surveys.FirstAsync(s => s.Id == anonymous)).Anonymous = true;
            await db.SaveChangesAsync();
        });

        await client.PostJsonAsync($"/api/v1/surveys/{named}/responses", new { score = 8, customerExternalId = "cus_77" }, HttpStatusCode.Created);
        var first = JsonDocument.Parse((await receiver.NextAsync("the named delivery")).Body).RootElement.GetProperty("data");
        await client.PostJsonAsync($"/api/v1/surveys/{anonymous}/responses", new { score = 8, customerExternalId = "cus_77" }, HttpStatusCode.Created);
        var second = JsonDocument.Parse((await receiver.NextAsync("the anonymous delivery")).Body).RootElement.GetProperty("data");

        Assert.Equal(customer, first.GetProperty("customer").GetGuid("id"));
        Assert.Equal("cus_77", first.GetProperty("customer").GetString("externalId"));
        Assert.Equal(anonymous, second.GetProperty("survey").GetGuid("id"));
        Assert.True(second.IsNull("customer"));
    }
}
