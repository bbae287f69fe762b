using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Tests.Infrastructure;
using Touchpoint.Tests.Tracking;

namespace Touchpoint.Tests.Conversations.Chat;

/// <summary>The widget's public endpoints: starting a chat, availability, and the offline message that continues by email.</summary>
[Collection(AppCollection.Name)]
public sealed class ChatApiTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Start_Anonymous_ReturnsTokenOnceAndStoresOnlyItsHash(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var inbox = await ChatData.InboxAsync(workspace, i => i.Color = "#ff0066");
        using var http = workspace.App.CreateClient();

        using var response = await http.PostAsJsonAsync($"/chat/{inbox.WidgetKey}/conversations", new { subject = "Shipping" });

        var json = await response.ExpectAsync(HttpStatusCode.Created);
        var token = json.GetProperty("visitorToken").GetString()!;
        Assert.True(token.Length >= 43, "32 random bytes, base64url");
        Assert.Equal("Website chat", json.GetProperty("inbox").GetProperty("name").GetString());
        Assert.Equal("#ff0066", json.GetProperty("inbox").GetProperty("color").GetString());
        Assert.Equal("noAgent", json.GetProperty("availability").GetProperty("reason").GetString());
        var id = json.GetProperty("conversationId").GetGuid();
        var stored = await workspace.QueryAsync(db => db.Conversations.SingleAsync(c => c.Id == id));
        Assert.Equal(VisitorTokens.Hash(token), stored.VisitorTokenHash);
        Assert.NotEqual(token, stored.VisitorTokenHash);
        Assert.Null(stored.CustomerId);
        Assert.Equal(Channel.Chat, stored.Channel);
        Assert.Equal("Shipping", stored.Subject);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Start_IdentifiedWithRightHash_LinksTheCustomerAndCreatesTheProfileOnce(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var inbox = await ChatData.InboxAsync(workspace);
        var hash = VisitorTokens.IdentityHash("user-42", inbox.IdentitySecret).ToUpperInvariant();

        var first = await ChatData.StartAsync(workspace, inbox, new { userId = "user-42", userHash = hash, name = "Ada", email = "ada@example.com" });
        var second = await ChatData.StartAsync(workspace, inbox, new { userId = "user-42", userHash = hash });

        var customers = await workspace.QueryAsync(db => db.Customers.Where(c => c.ExternalId == "user-42").ToListAsync());
        var customer = Assert.Single(customers);
        Assert.Equal("Ada", customer.Name);
        var linked = await workspace.QueryAsync(db => db.Conversations
            .Where(c => c.Id == first.ConversationId || c.Id == second.ConversationId).Select(c => c.CustomerId).ToListAsync());
        Assert.All(linked, c => Assert.Equal(customer.Id, c));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Start_IdentifiedByAnOldIdSinceAliased_LinksTheProfileTrackingKnowsAndKeepsItsName(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var tracking = workspace.TrackingClientFor(await workspace.CreateWriteKeyAsync());
        await tracking.PostJsonAsync("/v1/identify", new { userId = "ana@example.com", traits = new { name = "Ana Ruiz" } }, HttpStatusCode.OK);
        await tracking.PostJsonAsync("/v1/alias", new { previousId = "crm-17", userId = "ana@example.com" }, HttpStatusCode.OK);
        var inbox = await ChatData.InboxAsync(workspace);

        // The company's page still signs the visitor with the old id, and the visitor types another name.
        var chat = await ChatData.StartAsync(workspace, inbox, new
        {
            userId = "crm-17",
            userHash = VisitorTokens.IdentityHash("crm-17", inbox.IdentitySecret),
            name = "A. R.",
        });

        var customer = Assert.Single(await workspace.QueryAsync(db => db.Customers.ToListAsync()));
        Assert.Equal(("ana@example.com", "Ana Ruiz"), (customer.ExternalId, customer.Name));
        Assert.Equal(customer.Id, await workspace.QueryAsync(db => db.Conversations.Where(c => c.Id == chat.ConversationId).Select(c => c.CustomerId).SingleAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Start_WrongUserHash_IsRefusedNamingUserHash(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var inbox = await ChatData.InboxAsync(workspace);
        using var http = workspace.App.CreateClient();
        var forged = VisitorTokens.IdentityHash("user-42", "not-the-secret");

        using var response = await http.PostAsJsonAsync($"/chat/{inbox.WidgetKey}/conversations", new { userId = "user-42", userHash = forged });
        using var missing = await http.PostAsJsonAsync($"/chat/{inbox.WidgetKey}/conversations", new { userId = "user-42" });

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "userHash");
        await Problem.AssertFieldAsync(missing, HttpStatusCode.BadRequest, "userHash");
        Assert.Equal(0, await workspace.QueryAsync(db => db.Conversations.CountAsync(c => c.InboxId == inbox.Id)));
        Assert.False(await workspace.QueryAsync(db => db.Customers.AnyAsync(c => c.ExternalId == "user-42")));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Start_PreChatFormWithoutNameOrEmail_NamesBothFields(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var inbox = await ChatData.InboxAsync(workspace, i => i.PreChatForm = true);
        using var http = workspace.App.CreateClient();

        using var empty = await http.PostAsJsonAsync($"/chat/{inbox.WidgetKey}/conversations", new { });
        using var badEmail = await http.PostAsJsonAsync($"/chat/{inbox.WidgetKey}/conversations", new { name = "Ada", email = "ada@" });
        var started = await ChatData.StartAsync(workspace, inbox, new { name = "Ada", email = "ada@example.com" });

        var problem = await Problem.AssertFieldAsync(empty, HttpStatusCode.BadRequest, "name");
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
        await Problem.AssertFieldAsync(badEmail, HttpStatusCode.BadRequest, "email");
        var stored = await workspace.QueryAsync(db => db.Conversations.SingleAsync(c => c.Id == started.ConversationId));
        Assert.Equal(("Ada", "ada@example.com"), (stored.ContactName, stored.ContactEmail));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Start_UnknownWidgetKeyOrBadJson_IsAClearProblem(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var inbox = await ChatData.InboxAsync(workspace);
        using var http = workspace.App.CreateClient();

        using var unknown = await http.PostAsJsonAsync("/chat/no-such-key/conversations", new { });
        using var content = new StringContent("{\"name\": 5", System.Text.Encoding.UTF8, "application/json");
        using var broken = await http.PostAsync($"/chat/{inbox.WidgetKey}/conversations", content);

        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound);
        await Problem.AssertAsync(broken, HttpStatusCode.BadRequest);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Availability_FollowsAgentsPresenceCapacityAndHours(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var inbox = await ChatData.InboxAsync(workspace);
        var away = await workspace.AddMemberAsync(Core.Platform.WorkspaceRole.Agent);
        var stale = await workspace.AddMemberAsync(Core.Platform.WorkspaceRole.Agent);
        await ChatData.AgentAsync(workspace, inbox, away.Id, Presence.Away);
        await ChatData.AgentAsync(workspace, inbox, stale.Id, Presence.Online, lastSeen: DateTime.UtcNow.AddMinutes(-10));
        using var http = workspace.App.CreateClient();
        var url = $"/chat/{inbox.WidgetKey}/availability";

        var nobody = await http.GetJsonAsync(url);
        await ChatData.AgentAsync(workspace, inbox, workspace.Owner.Id, Presence.Online, capacity: 1);
        var open = await http.GetJsonAsync(url);
        await workspace.QueryAsync(async db =>
        {
            db.Conversations.Add(new Conversation
            {
                InboxId = inbox.Id,
                AssigneeId = workspace.Owner.Id,
                ReplyToken = VisitorTokens.NewReplyToken(),
                CreatedAt = DateTime.UtcNow,
                LastMessageAt = DateTime.UtcNow,
                FirstResponseSeconds = 90,
            });
            return await db.SaveChangesAsync();
        });
        var full = await http.GetJsonAsync(url);

        Assert.Equal((false, "noAgent"), (nobody.GetProperty("open").GetBoolean(), nobody.GetProperty("reason").GetString()));
        Assert.Equal(JsonValueKind.Null, nobody.GetProperty("expectedWaitSeconds").ValueKind);
        Assert.Equal((true, "open", 1), (open.GetProperty("open").GetBoolean(), open.GetProperty("reason").GetString(),
            open.GetProperty("agentsOnline").GetInt32()));
        Assert.Equal((false, "noAgent"), (full.GetProperty("open").GetBoolean(), full.GetProperty("reason").GetString()));
        Assert.Equal(90, full.GetProperty("expectedWaitSeconds").GetInt32());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Availability_OutsideBusinessHours_SaysWhenItOpens(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        // Open on no day but one hour of tomorrow: closed now, whatever the time of the test run.
        var tomorrow = DateTime.UtcNow.AddDays(1);
        var hours = new BusinessHours("UTC", new() { [tomorrow.DayOfWeek] = [new OpeningSlot(new TimeOnly(9, 0), new TimeOnly(10, 0))] }, []);
        var inbox = await ChatData.InboxAsync(workspace, i => i.BusinessHours = hours.ToJson());
        await ChatData.AgentAsync(workspace, inbox, workspace.Owner.Id);
        using var http = workspace.App.CreateClient();

        var json = await http.GetJsonAsync($"/chat/{inbox.WidgetKey}/availability");

        Assert.False(json.GetProperty("open").GetBoolean());
        Assert.Equal("outsideHours", json.GetProperty("reason").GetString());
        var next = json.GetProperty("nextOpening").GetDateTime().ToUniversalTime();
        Assert.Equal(new DateTime(tomorrow.Year, tomorrow.Month, tomorrow.Day, 9, 0, 0, DateTimeKind.Utc), next);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Offline_MessageWithEmail_StartsAnEmailConversationWithTheMessage(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var inbox = await ChatData.InboxAsync(workspace);
        using var http = workspace.App.CreateClient();
        var url = $"/chat/{inbox.WidgetKey}/offline";

        using var noEmail = await http.PostAsJsonAsync(url, new { name = "Ada", message = "Call me back" });
        using var noMessage = await http.PostAsJsonAsync(url, new { email = "ada@example.com", message = "  " });
        using var accepted = await http.PostAsJsonAsync(url, new { name = "Ada", email = "ada@example.com", message = " My parcel is late. " });

        await Problem.AssertFieldAsync(noEmail, HttpStatusCode.BadRequest, "email");
        await Problem.AssertFieldAsync(noMessage, HttpStatusCode.BadRequest, "message");
        var id = (await accepted.ExpectAsync(HttpStatusCode.Created)).GetProperty("conversationId").GetGuid();
        var stored = await workspace.QueryAsync(db => db.Conversations.SingleAsync(c => c.Id == id));
        Assert.Equal((Channel.Email, "ada@example.com", "Ada", 1L), (stored.Channel, stored.ContactEmail, stored.ContactName, stored.LastSeq));
        Assert.Null(stored.VisitorTokenHash);
        var message = await workspace.QueryAsync(db => db.ConversationMessages.SingleAsync(m => m.ConversationId == id));
        Assert.Equal((MessageAuthor.Customer, "My parcel is late."), (message.Author, message.Body));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PublicEndpoints_AnotherOrigin_IsAllowedWithoutCookies(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var inbox = await ChatData.InboxAsync(workspace);
        using var http = workspace.App.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, $"/chat/{inbox.WidgetKey}/conversations");
        preflight.Headers.Add("Origin", "https://shop.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");

        using var response = await http.SendAsync(preflight);

        Assert.True(response.IsSuccessStatusCode, $"Preflight: {(int)response.StatusCode}");
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task WidgetScript_IsUtf8JavaScriptCachedBriefly(DatabaseProvider provider)
    {
        using var http = fixture.App(provider).CreateClient();

        using var response = await http.GetAsync("/chat/widget.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        Assert.Contains("data-inbox", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
