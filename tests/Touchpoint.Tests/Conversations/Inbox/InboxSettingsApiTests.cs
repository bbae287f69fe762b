using System.Net;
using System.Net.Http.Json;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Conversations.AgentInbox;

/// <summary>Inboxes, teams, canned replies and presence through the API.</summary>
[Collection(AppCollection.Name)]
public sealed class InboxSettingsApiTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task CreateInbox_WithBusinessHours_ShowsSnippetAndSecretOnce(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        var created = await client.PostJsonAsync("/api/v1/inboxes", new
        {
            name = "Website",
            assignment = "leastBusy",
            businessHours = new
            {
                timeZone = "Europe/Berlin",
                days = new Dictionary<string, object[]> { ["monday"] = [new { from = "09:00", to = "17:00" }], ["friday"] = [new { from = "18:00", to = "24:00" }] },
                holidays = new[] { "2026-12-25" },
            },
        }, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var read = await client.GetJsonAsync($"/api/v1/inboxes/{id}");
        var rotated = await client.PostJsonAsync($"/api/v1/inboxes/{id}/identity-secret", new { }, HttpStatusCode.OK);

        Assert.Contains(created.GetProperty("widgetKey").GetString()!, created.GetProperty("snippet").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(created.GetProperty("identitySecret").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, read.GetProperty("identitySecret").ValueKind);
        Assert.Equal("24:00", read.GetProperty("businessHours").GetProperty("days").GetProperty("friday")[0].GetProperty("to").GetString());
        Assert.NotEqual(created.GetProperty("identitySecret").GetString(), rotated.GetProperty("identitySecret").GetString());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task CreateInbox_BadHours_NamesEachField(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        using var response = await client.PostAsJsonAsync("/api/v1/inboxes", new
        {
            name = "",
            color = "red",
            assignment = "random",
            businessHours = new
            {
                timeZone = "Mars/Olympus",
                days = new Dictionary<string, object[]> { ["monday"] = [new { from = "17:00", to = "09:00" }] },
                holidays = new[] { "25/12/2026" },
            },
        });

        var errors = (await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "name")).GetProperty("errors");
        foreach (var field in new[] { "color", "assignment", "businessHours.timeZone", "businessHours.days.monday[0].to", "businessHours.holidays[0]" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"Expected an error for {field}: {errors}");
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task CannedReply_DuplicateShortcut_409AndBadShortcut_400(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var created = await client.PostJsonAsync("/api/v1/canned-replies", new { shortcut = "refund-policy", body = "Refunds take 5 days." },
            HttpStatusCode.Created);

        using var duplicate = await client.PostAsJsonAsync("/api/v1/canned-replies", new { shortcut = "/refund-policy", body = "Other" });
        using var bad = await client.PostAsJsonAsync("/api/v1/canned-replies", new { shortcut = "Refund Policy!", body = "" });
        var updated = await (await client.PutAsJsonAsync($"/api/v1/canned-replies/{created.GetProperty("id").GetGuid()}",
            new { shortcut = "refunds", body = "Refunds take 3 days." })).ExpectAsync(HttpStatusCode.OK);
        var found = await client.GetJsonAsync("/api/v1/canned-replies?q=/ref");

        await Problem.AssertFieldAsync(duplicate, HttpStatusCode.Conflict, "shortcut");
        var errors = (await Problem.AssertFieldAsync(bad, HttpStatusCode.BadRequest, "shortcut")).GetProperty("errors");
        Assert.True(errors.TryGetProperty("body", out _));
        Assert.Equal("refunds", updated.GetProperty("shortcut").GetString());
        Assert.Equal("Refunds take 3 days.", Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("body").GetString());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Presence_SetOnline_AgentsListShowsAvailableAndLoad(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);

        await client.PutAsJsonJsonAsync($"/api/v1/agents/{agent.Id}/status", new { presence = "online", capacity = 3 });
        using var bad = await client.PutAsync($"/api/v1/agents/{agent.Id}/status", Api.Json("""{"presence":"busy","capacity":500}"""));
        using var mine = await client.GetAsync("/api/v1/agents/me/status");
        var agents = await client.GetJsonAsync("/api/v1/agents");

        var row = agents.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("userId").GetGuid() == agent.Id);
        Assert.Equal("online", row.GetProperty("presence").GetString());
        Assert.True(row.GetProperty("available").GetBoolean());
        Assert.Equal(3, row.GetProperty("capacity").GetInt32());
        Assert.Equal(0, row.GetProperty("open").GetInt32());
        var errors = (await Problem.AssertFieldAsync(bad, HttpStatusCode.BadRequest, "presence")).GetProperty("errors");
        Assert.True(errors.TryGetProperty("capacity", out _));
        await Problem.AssertAsync(mine, HttpStatusCode.Forbidden);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Team_TransferConversation_SystemMessageNamesTeam(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        var team = await client.PostJsonAsync("/api/v1/teams", new { name = "Billing", members = new[] { agent.Id } }, HttpStatusCode.Created);
        using var duplicate = await client.PostAsJsonAsync("/api/v1/teams", new { name = "Billing" });
        var id = (await InboxTestData.LogConversationAsync(client, await InboxTestData.CreateInboxAsync(client))).GetProperty("id").GetGuid();

        await ConversationsApiTests.Patch(client, id, $$"""{"teamId":"{{team.GetProperty("id").GetGuid()}}"}""", null, HttpStatusCode.OK);

        await Problem.AssertFieldAsync(duplicate, HttpStatusCode.Conflict, "name");
        var messages = await client.GetJsonAsync($"/api/v1/conversations/{id}/messages");
        Assert.Contains(messages.GetProperty("items").EnumerateArray(), m => m.GetProperty("body").GetString()!.Contains("team Billing", StringComparison.Ordinal));
        var teams = await client.GetJsonAsync("/api/v1/teams");
        Assert.Equal(agent.Id, Assert.Single(Assert.Single(teams.GetProperty("items").EnumerateArray()).GetProperty("members").EnumerateArray()).GetGuid());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task OtherWorkspace_InboxTeamReply_404AndNotListed(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var owner = await TestWorkspace.CreateAsync(app);
        var stranger = await TestWorkspace.CreateAsync(app);
        using var ownerClient = owner.Client();
        using var client = stranger.Client();
        var inbox = await InboxTestData.CreateInboxAsync(ownerClient);
        var team = (await ownerClient.PostJsonAsync("/api/v1/teams", new { name = "Private" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var reply = (await ownerClient.PostJsonAsync("/api/v1/canned-replies", new { shortcut = "hi", body = "Hi" }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

        using var getInbox = await client.GetAsync($"/api/v1/inboxes/{inbox}");
        using var putInbox = await client.PutAsJsonAsync($"/api/v1/inboxes/{inbox}", new { name = "Taken over" });
        using var deleteTeam = await client.DeleteAsync($"/api/v1/teams/{team}");
        using var putReply = await client.PutAsJsonAsync($"/api/v1/canned-replies/{reply}", new { shortcut = "hi", body = "Changed" });
        using var logInto = await client.PostAsJsonAsync("/api/v1/conversations", new
        {
            inboxId = inbox,
            channel = "phone",
            messages = new[] { new { author = "customer", body = "x" } },
        });

        foreach (var response in new[] { getInbox, putInbox, deleteTeam, putReply })
        {
            await Problem.AssertAsync(response, HttpStatusCode.NotFound);
        }

        await Problem.AssertFieldAsync(logInto, HttpStatusCode.BadRequest, "inboxId");
        Assert.Empty((await client.GetJsonAsync("/api/v1/inboxes")).GetProperty("items").EnumerateArray());
        Assert.Empty((await client.GetJsonAsync("/api/v1/canned-replies")).GetProperty("items").EnumerateArray());
        Assert.Equal("Hi", (await ownerClient.GetJsonAsync("/api/v1/canned-replies")).GetProperty("items")[0].GetProperty("body").GetString());
    }
}
