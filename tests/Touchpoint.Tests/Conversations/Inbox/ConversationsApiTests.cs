using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Conversations.AgentInbox;

/// <summary>The agents' REST API: log, list, reply, change, merge; bad input and other workspaces refused clearly.</summary>
[Collection(AppCollection.Name)]
public sealed class ConversationsApiTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task LogPhoneCall_ThenReplyAndNote_ListedWithMessagesInOrder(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var inbox = await InboxTestData.CreateInboxAsync(client);

        var created = await InboxTestData.LogConversationAsync(client, inbox);
        var id = created.GetProperty("id").GetGuid();
        await client.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "We are on it." }, HttpStatusCode.Created);
        await client.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "Check the warehouse", @private = true }, HttpStatusCode.Created);

        Assert.Equal("phone", created.GetProperty("channel").GetString());
        Assert.Equal("open", created.GetProperty("status").GetString());
        var messages = await client.GetJsonAsync($"/api/v1/conversations/{id}/messages?after=0");
        var items = messages.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([1L, 2L, 3L], items.Select(m => m.GetProperty("seq").GetInt64()));
        Assert.Equal(["customer", "agent", "agent"], items.Select(m => m.GetProperty("author").GetString()));
        Assert.True(items[2].GetProperty("private").GetBoolean());
        var after = await client.GetJsonAsync($"/api/v1/conversations/{id}/messages?after=2");
        Assert.Single(after.GetProperty("items").EnumerateArray());
        var list = await client.GetJsonAsync($"/api/v1/conversations?inbox={inbox}&assignee=none&status=open");
        Assert.Equal(id, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        var details = await client.GetJsonAsync($"/api/v1/conversations/{id}");
        Assert.NotEqual(JsonValueKind.Null, details.GetProperty("firstResponseSeconds").ValueKind);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Messages_WithAFile_CarryItWithTheApisDownloadUrl(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var id = (await InboxTestData.LogConversationAsync(client, await InboxTestData.CreateInboxAsync(client))).GetProperty("id").GetGuid();
        using var form = new MultipartFormDataContent { { new ByteArrayContent("Invoice 42\n"u8.ToArray()), "file", "invoice.txt" } };
        var file = (await (await client.PostAsync($"/api/v1/conversations/{id}/attachments", form)).ExpectAsync(HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        await workspace.InWorkspaceAsync(s => s.GetRequiredService<ConversationLog>().AppendAsync(id,
            new ConversationLog.NewMessage(MessageAuthor.Agent, "Your invoice", workspace.Owner.Id, AttachmentIds: [file])));

        var items = (await client.GetJsonAsync($"/api/v1/conversations/{id}/messages")).GetProperty("items").EnumerateArray().ToList();

        var sent = Assert.Single(items, m => m.GetProperty("body").GetString() == "Your invoice");
        var attachment = Assert.Single(sent.GetProperty("attachments").EnumerateArray());
        Assert.Equal(("invoice.txt", $"/api/v1/attachments/{file}"), (attachment.GetProperty("fileName").GetString(), attachment.GetProperty("url").GetString()));
        Assert.All(items.Where(m => m.GetProperty("body").GetString() != "Your invoice"), m => Assert.Empty(m.GetProperty("attachments").EnumerateArray()));
        using var download = await client.GetAsync(attachment.GetProperty("url").GetString());
        Assert.Equal("Invoice 42\n", await download.Content.ReadAsStringAsync());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task List_ManyConversations_PagesNewestActivityFirstWithoutRepeats(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var inbox = await InboxTestData.CreateInboxAsync(client);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await InboxTestData.LogConversationAsync(client, inbox, $"Question {i}")).GetProperty("id").GetGuid());
        }

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await client.GetJsonAsync($"/api/v1/conversations?inbox={inbox}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("next").GetString();
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(ids), seen);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Create_BadInput_NamesEachField(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        using var response = await client.PostAsJsonAsync("/api/v1/conversations", new
        {
            inboxId = Guid.NewGuid(),
            channel = "pigeon",
            messages = new[] { new { author = "system", body = new string('x', ConversationLimits.MaxMessageLength + 1) } },
        });

        var problem = await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "inboxId");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("channel", out _));
        Assert.True(errors.TryGetProperty("messages[0].author", out _));
        Assert.True(errors.TryGetProperty("messages[0].body", out _));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Patch_StaleIfMatch_412AndNothingChanges(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var id = (await InboxTestData.LogConversationAsync(client, await InboxTestData.CreateInboxAsync(client))).GetProperty("id").GetGuid();
        var version = (await client.GetJsonAsync($"/api/v1/conversations/{id}")).GetProperty("version").GetGuid();
        await Patch(client, id, """{"priority":"high"}""", version, HttpStatusCode.OK);

        using var stale = await SendPatch(client, id, """{"status":"resolved"}""", version);

        await Problem.AssertFieldAsync(stale, HttpStatusCode.PreconditionFailed, "If-Match");
        Assert.Equal(ConversationStatus.Open, (await InboxTestData.StoredAsync(workspace, id)).Status);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Patch_AssignAndResolve_KeepsTimesAndLeavesSystemMessages(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var agent = await workspace.AddMemberAsync(Touchpoint.Core.Platform.WorkspaceRole.Agent);
        var id = (await InboxTestData.LogConversationAsync(client, await InboxTestData.CreateInboxAsync(client))).GetProperty("id").GetGuid();

        await Patch(client, id, $$"""{"assigneeId":"{{agent.Id}}"}""", null, HttpStatusCode.OK);
        var resolved = await Patch(client, id, """{"status":"resolved"}""", null, HttpStatusCode.OK);

        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, resolved.GetProperty("resolutionSeconds").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, resolved.GetProperty("waitSeconds").ValueKind);
        Assert.Equal(agent.Id, Assert.Single(resolved.GetProperty("agentsInvolved").EnumerateArray()).GetProperty("userId").GetGuid());
        var messages = await client.GetJsonAsync($"/api/v1/conversations/{id}/messages");
        var system = messages.GetProperty("items").EnumerateArray().Where(m => m.GetProperty("author").GetString() == "system")
            .Select(m => m.GetProperty("body").GetString()!).ToList();
        Assert.Contains(system, s => s.Contains("assigned this to", StringComparison.Ordinal));
        Assert.Contains(system, s => s.StartsWith("Resolved by", StringComparison.Ordinal));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Patch_SnoozeWithoutFutureTime_NamesSnoozedUntil(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var id = (await InboxTestData.LogConversationAsync(client, await InboxTestData.CreateInboxAsync(client))).GetProperty("id").GetGuid();

        using var past = await SendPatch(client, id, """{"status":"snoozed","snoozedUntil":"2001-01-01T00:00:00Z"}""", null);
        using var badStatus = await SendPatch(client, id, """{"status":"sleeping"}""", null);

        await Problem.AssertFieldAsync(past, HttpStatusCode.BadRequest, "snoozedUntil");
        await Problem.AssertFieldAsync(badStatus, HttpStatusCode.BadRequest, "status");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SnoozeWaker_DueSnooze_ReopensWithSystemMessage(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var id = (await InboxTestData.LogConversationAsync(client, await InboxTestData.CreateInboxAsync(client))).GetProperty("id").GetGuid();
        await Patch(client, id, $$"""{"status":"snoozed","snoozedUntil":"{{DateTime.UtcNow.AddHours(1):O}}"}""", null, HttpStatusCode.OK);
        await workspace.QueryAsync(db => db.Conversations.Where(c => c.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.SnoozedUntil, DateTime.UtcNow.AddMinutes(-1))));

        await fixture.App(provider).Services.GetRequiredService<SnoozeWaker>().WakeDueAsync();

        var stored = await InboxTestData.StoredAsync(workspace, id);
        Assert.Equal(ConversationStatus.Open, stored.Status);
        Assert.Null(stored.SnoozedUntil);
        var messages = await client.GetJsonAsync($"/api/v1/conversations/{id}/messages");
        Assert.Contains(messages.GetProperty("items").EnumerateArray(), m => m.GetProperty("body").GetString()!.Contains("snooze ended", StringComparison.Ordinal));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Merge_Duplicate_MovesMessagesInOrderAndResolvesSource(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var inbox = await InboxTestData.CreateInboxAsync(client);
        var target = (await InboxTestData.LogConversationAsync(client, inbox, "First try")).GetProperty("id").GetGuid();
        var source = (await InboxTestData.LogConversationAsync(client, inbox, "Second try")).GetProperty("id").GetGuid();
        await client.PostJsonAsync($"/api/v1/conversations/{source}/messages", new { body = "Answer in the duplicate" }, HttpStatusCode.Created);

        await client.PostJsonAsync($"/api/v1/conversations/{source}/merge", new { into = target }, HttpStatusCode.OK);

        var bodies = (await client.GetJsonAsync($"/api/v1/conversations/{target}/messages")).GetProperty("items").EnumerateArray()
            .Select(m => (m.GetProperty("author").GetString(), m.GetProperty("body").GetString())).ToList();
        Assert.Equal(("customer", "First try"), bodies[0]);
        Assert.Equal("system", bodies[1].Item1);
        Assert.Equal([("customer", "Second try"), ("agent", "Answer in the duplicate")], bodies.Skip(2));
        var merged = await InboxTestData.StoredAsync(workspace, source);
        Assert.Equal(target, merged.MergedIntoId);
        Assert.Equal(ConversationStatus.Resolved, merged.Status);
        using var again = await client.PostAsJsonAsync($"/api/v1/conversations/{source}/merge", new { into = target });
        await Problem.AssertFieldAsync(again, HttpStatusCode.Conflict, "into");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Merge_DifferentCustomers_409(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var inbox = await InboxTestData.CreateInboxAsync(client);
        var (ana, ben) = await workspace.QueryAsync(async db =>
        {
            var a = new Touchpoint.Core.Customers.Customer { Name = "Ana", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            var b = new Touchpoint.Core.Customers.Customer { Name = "Ben", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Customers.AddRange(a, b);
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });
        var first = (await InboxTestData.LogConversationAsync(client, inbox, "A", ana)).GetProperty("id").GetGuid();
        var second = (await InboxTestData.LogConversationAsync(client, inbox, "B", ben)).GetProperty("id").GetGuid();

        using var response = await client.PostAsJsonAsync($"/api/v1/conversations/{second}/merge", new { into = first });

        await Problem.AssertFieldAsync(response, HttpStatusCode.Conflict, "into");
        Assert.Null((await InboxTestData.StoredAsync(workspace, second)).MergedIntoId);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task OtherWorkspace_Conversation_404Everywhere(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var owner = await TestWorkspace.CreateAsync(app);
        var stranger = await TestWorkspace.CreateAsync(app);
        using var ownerClient = owner.Client();
        using var client = stranger.Client();
        var id = (await InboxTestData.LogConversationAsync(ownerClient, await InboxTestData.CreateInboxAsync(ownerClient))).GetProperty("id").GetGuid();

        using var get = await client.GetAsync($"/api/v1/conversations/{id}");
        using var messages = await client.GetAsync($"/api/v1/conversations/{id}/messages");
        using var post = await client.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "hi" });
        using var patch = await SendPatch(client, id, """{"status":"resolved"}""", null);
        using var merge = await client.PostAsJsonAsync($"/api/v1/conversations/{id}/merge", new { into = Guid.NewGuid() });

        foreach (var response in new[] { get, messages, post, patch, merge })
        {
            await Problem.AssertAsync(response, HttpStatusCode.NotFound);
        }

        Assert.Empty((await client.GetJsonAsync("/api/v1/conversations")).GetProperty("items").EnumerateArray());
        Assert.Equal(1, (await InboxTestData.StoredAsync(owner, id)).LastSeq);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Stats_AfterReplyAndResolve_ReportsMediansPerAgent(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var agent = await workspace.AddMemberAsync(Touchpoint.Core.Platform.WorkspaceRole.Agent);
        var id = (await InboxTestData.LogConversationAsync(client, await InboxTestData.CreateInboxAsync(client))).GetProperty("id").GetGuid();
        await Patch(client, id, $$"""{"assigneeId":"{{agent.Id}}"}""", null, HttpStatusCode.OK);
        await workspace.InWorkspaceAsync(s => s.GetRequiredService<ConversationLog>().AppendAsync(id,
            new ConversationLog.NewMessage(MessageAuthor.Agent, "On it", agent.Id)));
        await Patch(client, id, """{"status":"resolved"}""", null, HttpStatusCode.OK);

        var stats = await client.GetJsonAsync($"/api/v1/conversations/stats?from={DateTime.UtcNow.AddDays(-1):O}");

        Assert.Equal(1, stats.GetProperty("conversations").GetInt32());
        Assert.Equal(1, stats.GetProperty("resolved").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, stats.GetProperty("medianFirstResponseSeconds").ValueKind);
        var row = Assert.Single(stats.GetProperty("agents").EnumerateArray());
        Assert.Equal(agent.Id, row.GetProperty("userId").GetGuid());
        Assert.Equal(1, row.GetProperty("handled").GetInt32());
    }

    internal static async Task<JsonElement> Patch(HttpClient client, Guid id, string json, Guid? version, HttpStatusCode expected)
    {
        using var response = await SendPatch(client, id, json, version);
        return await response.ExpectAsync(expected);
    }

    internal static Task<HttpResponseMessage> SendPatch(HttpClient client, Guid id, string json, Guid? version)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/conversations/{id}") { Content = Api.Json(json) };
        if (version is { } v)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{v}\"");
        }

        return client.SendAsync(request);
    }
}
