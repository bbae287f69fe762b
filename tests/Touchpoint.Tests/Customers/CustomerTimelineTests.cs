using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Core.Email;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Tracking;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Customers;

/// <summary>GET /api/v1/customers/{id}/timeline: events, survey answers and emails in one list, newest first, paged exactly.</summary>
[Collection(AppCollection.Name)]
public sealed class CustomerTimelineTests(AppFixture fixture)
{
    private static readonly DateTime T0 = new(2025, 9, 1, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>A customer with two events, two answers, an email and a logged call; several share the very same instant.</summary>
    internal static async Task<(HttpClient Client, Guid CustomerId)> ArrangeAsync(TestWorkspace workspace)
    {
        var client = workspace.Client();
        var customerId = (await client.CreateCustomerAsync(new { externalId = "t1", name = "Timeline Tess", email = "tess@example.com" })).GetGuid("id");
        var survey = (await client.CreateSurveyAsync("nps", "Relationship NPS")).GetGuid("id");
        await client.PostJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 9, comment = "Great fit", customerId, submittedAt = T0.AddHours(1) },
            HttpStatusCode.Created);
        await client.PostJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 4, comment = "Late parcel", customerId, submittedAt = T0 },
            HttpStatusCode.Created);
        await workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            var checkout = db.TouchPoints.First(t => t.Name == "Checkout on web");
            db.Events.AddRange(
                new TrackedEvent
                {
                    CustomerId = customerId,
                    MessageId = "m-1",
                    Type = EventType.Track,
                    Name = "Order Completed",
                    Properties = """{"total":42}""",
                    Source = TrackingSource.Web,
                    Channel = Channel.Web,
                    TouchPointId = checkout.Id,
                    OccurredAt = T0.AddHours(1),
                    ReceivedAt = T0.AddHours(1),
                },
                new TrackedEvent
                {
                    CustomerId = customerId,
                    MessageId = "m-2",
                    Type = EventType.Page,
                    Name = "Pricing",
                    Source = TrackingSource.Web,
                    Channel = Channel.Web,
                    OccurredAt = T0.AddHours(-1),
                    ReceivedAt = T0.AddHours(-1),
                });
            db.Outbox.Add(new OutboxMessage
            {
                WorkspaceId = workspace.Id,
                CustomerId = customerId,
                Recipient = "tess@example.com",
                Subject = "How did we do?",
                TextBody = "Tell us",
                Status = OutboxStatus.Sent,
                CreatedAt = T0.AddHours(1),
                NextAttemptAt = T0.AddHours(1),
                SentAt = T0.AddHours(1),
            });
            // A logged call whose first message is at 09:00 too, and a duplicate merged into it that shows only as the call.
            var inbox = new Inbox { Name = "Phone", Kind = InboxKind.Api, WidgetKey = Guid.NewGuid().ToString("N"), IdentitySecret = "s", CreatedAt = T0 };
            var call = new Conversation
            {
                InboxId = inbox.Id,
                CustomerId = customerId,
                Channel = Channel.Phone,
                Status = ConversationStatus.Resolved,
                ReplyToken = Guid.NewGuid().ToString("N"),
                LastSeq = 2,
                CsatScore = 5,
                CsatComment = "Tess was helped fast",
                ContactName = "Timeline Tess",
                ContactEmail = "tess@example.com",
                CreatedAt = T0.AddHours(1),
                LastMessageAt = T0.AddHours(1),
            };
            var duplicate = new Conversation
            {
                InboxId = inbox.Id,
                CustomerId = customerId,
                Channel = Channel.Phone,
                ReplyToken = Guid.NewGuid().ToString("N"),
                MergedIntoId = call.Id,
                LastSeq = 1,
                CreatedAt = T0.AddHours(1),
                LastMessageAt = T0.AddHours(1),
            };
            db.AddRange(inbox, call, duplicate);
            db.ConversationMessages.AddRange(
                new ConversationMessage { ConversationId = call.Id, Seq = 1, Author = MessageAuthor.Customer, Body = "Parcel arrived broken\nphoto sent", CreatedAt = T0.AddHours(1) },
                new ConversationMessage { ConversationId = call.Id, Seq = 2, Author = MessageAuthor.Agent, Body = "Refund issued", CreatedAt = T0.AddHours(1).AddMinutes(5) },
                new ConversationMessage { ConversationId = duplicate.Id, Seq = 1, Author = MessageAuthor.Customer, Body = "Same call again", CreatedAt = T0.AddHours(1) });
            await db.SaveChangesAsync();
        });
        return (client, customerId);
    }

    private static string Describe(JsonElement item) => $"{item.GetString("kind")}@{item.GetProperty("at").GetDateTime().ToUniversalTime():HH}";

    [Theory, OnSqlite, OnPostgres]
    public async Task Timeline_MergesEventsAnswersAndEmails_NewestFirst(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var (client, customerId) = await ArrangeAsync(workspace);
        using var _ = client;

        var page = await client.GetJsonAsync($"/api/v1/customers/{customerId}/timeline");

        var items = page.GetProperty("items").EnumerateArray().ToList();
        // At 09:00 four items share the instant: kinds in alphabetical order.
        Assert.Equal(["conversation@09", "email@09", "event@09", "response@09", "response@08", "event@07"], items.Select(Describe));
        Assert.True(page.IsNull("next"));
        var call = items[0];
        Assert.Equal(("Call: Parcel arrived broken", "phone"), (call.GetString("title"), call.GetString("channel")));
        Assert.Equal(("resolved", 2, 5), (call.GetProperty("details").GetString("status"), call.GetProperty("details").GetProperty("messages").GetInt32(),
            call.GetProperty("details").GetProperty("csatScore").GetInt32()));
        items.RemoveAt(0);
        var order = items[1];
        Assert.Equal("Order Completed", order.GetString("title"));
        Assert.Equal("Checkout on web", order.GetString("touchPoint"));
        Assert.Equal("web", order.GetString("channel"));
        Assert.Equal("web", order.GetString("source"));
        Assert.Equal(42, order.GetProperty("details").GetProperty("properties").GetProperty("total").GetInt32());
        var answer = items[2].GetProperty("details");
        Assert.Equal("Relationship NPS", answer.GetString("survey"));
        Assert.Equal(9, answer.GetProperty("score").GetInt32());
        Assert.Equal("Great fit", answer.GetString("comment"));
        Assert.Equal("How did we do?", items[0].GetProperty("details").GetString("subject"));
        Assert.Equal("sent", items[0].GetProperty("details").GetString("status"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Timeline_PagedByOne_WalksEveryItemOnceAcrossSourcesWithEqualTimes(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var (client, customerId) = await ArrangeAsync(workspace);
        using var _ = client;
        var all = (await client.GetJsonAsync($"/api/v1/customers/{customerId}/timeline")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetRawText()).ToList();

        foreach (var size in new[] { 1, 2 })
        {
            var walked = new List<string>();
            string? cursor = null;
            do
            {
                var page = await client.GetJsonAsync($"/api/v1/customers/t1/timeline?limit={size}&cursor={cursor}");
                walked.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetRawText()));
                cursor = page.IsNull("next") ? null : page.GetString("next");
            }
            while (cursor is not null);

            Assert.Equal(all, walked);
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Timeline_Types_KeepsOnlyThoseKindsAndRefusesUnknownOnes(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var (client, customerId) = await ArrangeAsync(workspace);
        using var _ = client;

        var page = await client.GetJsonAsync($"/api/v1/customers/{customerId}/timeline?types=email,response");

        Assert.Equal(["email@09", "response@09", "response@08"], page.GetProperty("items").EnumerateArray().Select(Describe));
        using var unknown = await client.GetAsync($"/api/v1/customers/{customerId}/timeline?types=calls");
        await Problem.AssertFieldAsync(unknown, HttpStatusCode.BadRequest, "types");
        using var badCursor = await client.GetAsync($"/api/v1/customers/{customerId}/timeline?cursor=abc");
        await Problem.AssertFieldAsync(badCursor, HttpStatusCode.BadRequest, "cursor");
    }
}
