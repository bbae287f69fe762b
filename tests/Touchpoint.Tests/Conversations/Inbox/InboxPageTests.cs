using System.Net;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Conversations.AgentInbox;

/// <summary>The /inbox page without JavaScript: reading, replying, notes, assigning, resolving, presence; customer text encoded.</summary>
[Collection(AppCollection.Name)]
public sealed class InboxPageTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task OpenConversation_ScriptInMessage_ShownEncoded(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var id = (await InboxTestData.LogConversationAsync(client, await InboxTestData.CreateInboxAsync(client), "<script>alert('x')</script>"))
            .GetProperty("id").GetGuid();
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (response, html) = await session.GetAsync($"/inbox?view=unassigned&id={id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains($"data-id=\"{id}\"", html, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ReplyNoteAssignResolve_ByForms_AllVisibleInThread(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        var id = (await InboxTestData.LogConversationAsync(client, await InboxTestData.CreateInboxAsync(client))).GetProperty("id").GetGuid();
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(agent.Email!, TestWorkspace.Password);
        var page = $"/inbox?view=open&id={id}";

        var (reply, _) = await session.SubmitAsync(page, PageSession.Form(("body", "Happy to help"), ("note", "false"), ("view", "open")),
            $"/inbox?handler=Reply&id={id}");
        await session.SubmitAsync(page, PageSession.Form(("body", "VIP customer"), ("note", "true")), $"/inbox?handler=Reply&id={id}");
        var version = await workspace.QueryAsync(db => db.Conversations.Where(c => c.Id == id).Select(c => c.Version).SingleAsync());
        var (assign, _) = await session.SubmitAsync(page, PageSession.Form(("assignee", "me"), ("version", version.ToString())),
            $"/inbox?handler=Change&id={id}");
        var (stale, staleHtml) = await session.SubmitAsync(page, PageSession.Form(("status", "resolved"), ("version", version.ToString())),
            $"/inbox?handler=Change&id={id}");
        await session.SubmitAsync(page, PageSession.Form(("status", "resolved")), $"/inbox?handler=Change&id={id}");

        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, assign.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains("Someone else changed this conversation", staleHtml, StringComparison.Ordinal);
        var stored = await InboxTestData.StoredAsync(workspace, id);
        Assert.Equal(agent.Id, stored.AssigneeId);
        Assert.Equal(ConversationStatus.Resolved, stored.Status);
        var (_, html) = await session.GetAsync($"/inbox?view=resolved&id={id}");
        var text = PageSession.Text(html);
        Assert.Contains("Happy to help", text, StringComparison.Ordinal);
        Assert.Contains("VIP customer (internal note)", text.Replace("(internal note) VIP customer", "VIP customer (internal note)", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Resolved by", text, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PresenceToggle_Online_AgentCountsAsAvailable(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(agent.Email!, TestWorkspace.Password);

        await session.SubmitAsync("/inbox", PageSession.Form(("presence", "online")), "/inbox?handler=Presence");

        var agents = await client.GetJsonAsync("/api/v1/agents");
        var row = agents.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("userId").GetGuid() == agent.Id);
        Assert.True(row.GetProperty("available").GetBoolean());
        var (_, html) = await session.GetAsync("/inbox");
        Assert.Contains("<option value=\"online\" selected=\"selected\">", html, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AnalystWithoutHandlePermission_CanReadButNotReply(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var analyst = await workspace.AddMemberAsync(WorkspaceRole.Analyst);
        var id = (await InboxTestData.LogConversationAsync(client, await InboxTestData.CreateInboxAsync(client))).GetProperty("id").GetGuid();
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(analyst.Email!, TestWorkspace.Password);

        var (page, html) = await session.GetAsync($"/inbox?view=open&id={id}");
        var token = PageSession.AntiforgeryToken(html);
        var (reply, _) = await session.PostAsync($"/inbox?handler=Reply&id={id}", PageSession.Form(("body", "hi"), ("__RequestVerificationToken", token ?? "")));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("id=\"composer\"", html, StringComparison.Ordinal);
        Assert.Contains("denied", reply.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(1, (await InboxTestData.StoredAsync(workspace, id)).LastSeq);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task CatchUp_AfterSequenceNumber_ReturnsOnlyMissedMessagesInOrder(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var id = (await InboxTestData.LogConversationAsync(client, await InboxTestData.CreateInboxAsync(client), "first")).GetProperty("id").GetGuid();
        await client.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "second" }, HttpStatusCode.Created);
        await client.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "third", @private = true }, HttpStatusCode.Created);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (response, json) = await session.GetAsync($"/inbox?handler=Messages&id={id}&after=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var missed = System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.Equal([2L, 3L], missed.Select(m => m.GetProperty("seq").GetInt64()));
        Assert.Equal(["second", "third"], missed.Select(m => m.GetProperty("body").GetString()));
    }
}
