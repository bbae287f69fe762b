using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Cases.Work;

[Collection(AppCollection.Name)]
public sealed class CasesApiTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Create_FromAResponse_ShowsCustomerFeedbackOwnerAndTeamByIdOrNumber(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        var team = await CaseData.TeamAsync(workspace, "Billing", agent.Id);
        var customer = await CaseData.CustomerAsync(workspace, "Grace Hopper");
        var survey = (await client.CreateSurveyAsync("nps", "Relationship NPS")).GetGuid("id");
        var response = await client.PostJsonAsync($"/api/v1/surveys/{survey}/responses",
            new { score = 2, comment = "Never again", customerId = customer }, HttpStatusCode.Created);

        var created = await CaseData.OpenAsync(client, new
        {
            title = "Detractor: never again",
            responseId = response.GetInt64("id"),
            priority = "high",
            ownerId = agent.Id,
            teamId = team,
        });

        Assert.Equal(1, created.GetProperty("number").GetInt32());
        Assert.Equal("api", created.GetString("source"));
        Assert.Equal("new", created.GetString("status"));
        Assert.Equal("high", created.GetString("priority"));
        // The customer came from the response.
        Assert.Equal("Grace Hopper", created.GetProperty("customer").GetString("name"));
        Assert.Equal(2, created.GetProperty("opening").GetProperty("score").GetInt32());
        Assert.Equal("Never again", created.GetProperty("opening").GetString("comment"));
        Assert.Equal("Relationship NPS", created.GetProperty("opening").GetString("survey"));
        Assert.Equal(agent.DisplayName, created.GetProperty("owner").GetString("name"));
        Assert.Equal("Billing", created.GetProperty("team").GetString("name"));
        var byNumber = await client.GetJsonAsync("/api/v1/cases/1");
        var byId = await client.GetJsonAsync($"/api/v1/cases/{created.GetGuid("id")}");
        Assert.Equal(created.GetGuid("id"), byNumber.GetGuid("id"));
        Assert.Equal(byNumber.GetGuid("version"), byId.GetGuid("version"));
        Assert.Contains("created: Opened through the API", CaseData.History(byId));
        Assert.True(await workspace.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "case.opened" && a.Target == "case:1")));
        // The owner was told.
        Assert.True(await workspace.QueryAsync(db => db.UserNotifications.AnyAsync(n => n.UserId == agent.Id && n.Link == "/cases/1")));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Create_BadInput_NamesTheFieldToFix(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        var other = await TestWorkspace.CreateAsync(app);
        using var client = workspace.Client();
        var strangersCustomer = await CaseData.CustomerAsync(other);
        var stranger = await other.AddMemberAsync(WorkspaceRole.Agent);
        var mine = await CaseData.CustomerAsync(workspace);

        var cases = new (object Body, string Field)[]
        {
            (new { }, "title"),
            (new { title = "  " }, "title"),
            (new { title = new string('x', 201) }, "title"),
            (new { title = "t", priority = "critical" }, "priority"),
            (new { title = "t", customerId = strangersCustomer }, "customerId"),
            (new { title = "t", responseId = 999_999 }, "responseId"),
            (new { title = "t", conversationId = Guid.NewGuid() }, "conversationId"),
            (new { title = "t", ownerId = stranger.Id }, "ownerId"),
            (new { title = "t", teamId = Guid.NewGuid() }, "teamId"),
            (new { title = "t", touchPointId = Guid.NewGuid() }, "touchPointId"),
            (new { title = "t", customerId = mine, description = new string('d', 10_001) }, "description"),
        };
        foreach (var (body, field) in cases)
        {
            using var response = await client.PostAsync("/api/v1/cases", Api.Json(JsonSerializer.Serialize(body)));
            await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, field);
        }

        using var badGuid = await client.PostAsync("/api/v1/cases", Api.Json("""{"title":"t","ownerId":"nope"}"""));
        await Problem.AssertFieldAsync(badGuid, HttpStatusCode.BadRequest, "ownerId");
        Assert.Equal(0, await workspace.QueryAsync(db => db.Cases.CountAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task List_FiltersAndPages_NewestFirst(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        var customer = await CaseData.CustomerAsync(workspace);
        for (var i = 1; i <= 5; i++)
        {
            await CaseData.OpenAsync(client, new { title = $"Case {i}", priority = i == 2 ? "urgent" : "normal", ownerId = i % 2 == 0 ? agent.Id : (Guid?)null, customerId = i == 5 ? customer : (Guid?)null });
        }

        await CaseData.ActOkAsync(client, "4", new { action = "resolve", rootCause = "billing-error", resolutionCode = "refund" });

        var first = await client.GetJsonAsync("/api/v1/cases?limit=2");
        Assert.Equal([5, 4], Numbers(first));
        var second = await client.GetJsonAsync($"/api/v1/cases?limit=2&cursor={first.GetString("next")}");
        Assert.Equal([3, 2], Numbers(second));
        var last = await client.GetJsonAsync($"/api/v1/cases?limit=2&cursor={second.GetString("next")}");
        Assert.Equal([1], Numbers(last));
        Assert.True(last.IsNull("next"));

        Assert.Equal([4, 2], Numbers(await client.GetJsonAsync($"/api/v1/cases?owner={agent.Id}")));
        Assert.Equal([2], Numbers(await client.GetJsonAsync($"/api/v1/cases?owner={agent.Id}&open=true")));
        Assert.Equal([5, 3, 1], Numbers(await client.GetJsonAsync("/api/v1/cases?owner=none")));
        Assert.Equal([2], Numbers(await client.GetJsonAsync("/api/v1/cases?priority=urgent")));
        Assert.Equal([4], Numbers(await client.GetJsonAsync("/api/v1/cases?status=resolved")));
        Assert.Equal([5], Numbers(await client.GetJsonAsync($"/api/v1/cases?customer={customer}")));

        using var badStatus = await client.GetAsync("/api/v1/cases?status=done");
        await Problem.AssertFieldAsync(badStatus, HttpStatusCode.BadRequest, "status");
        using var me = await client.GetAsync("/api/v1/cases?owner=me");
        await Problem.AssertFieldAsync(me, HttpStatusCode.BadRequest, "owner");
        using var badCursor = await client.GetAsync("/api/v1/cases?cursor=%%%");
        await Problem.AssertFieldAsync(badCursor, HttpStatusCode.BadRequest, "cursor");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AnotherWorkspacesCase_IsNotFound_ForReadsChangesAndActions(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var owner = await TestWorkspace.CreateAsync(app);
        var intruder = await TestWorkspace.CreateAsync(app);
        using var ownerClient = owner.Client();
        using var client = intruder.Client();
        var created = await CaseData.OpenAsync(ownerClient, new { title = "Private matter" });
        var id = created.GetGuid("id").ToString();

        foreach (var key in new[] { id, "1" })
        {
            using var get = await client.GetAsync($"/api/v1/cases/{key}");
            await Problem.AssertAsync(get, HttpStatusCode.NotFound);
            using var patch = await CaseData.PatchAsync(client, key, new { title = "Mine now" });
            await Problem.AssertAsync(patch, HttpStatusCode.NotFound);
            foreach (var action in new[] { "note", "resolve", "close", "reopen", "contact" })
            {
                using var act = await CaseData.ActAsync(client, key, new { action, body = "x", rootCause = "a", resolutionCode = "b" });
                await Problem.AssertAsync(act, HttpStatusCode.NotFound);
            }
        }

        Assert.Empty((await intruder.Client().GetJsonAsync("/api/v1/cases")).GetProperty("items").EnumerateArray());
        var untouched = await ownerClient.GetJsonAsync($"/api/v1/cases/{id}");
        Assert.Equal("Private matter", untouched.GetString("title"));
        Assert.Single(CaseData.History(untouched));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Patch_ChangesFields_WritesHistoryAndAudit_AndRefusesAStaleVersion(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        var team = await CaseData.TeamAsync(workspace, "Returns");
        var created = await CaseData.OpenAsync(client, new { title = "Wrong size" });
        var version = created.GetGuid("version");

        using var patched = await CaseData.PatchAsync(client, "1", new
        {
            title = "Wrong size delivered",
            description = "Ordered M, got XL",
            priority = "high",
            status = "inProgress",
            ownerId = agent.Id,
            teamId = team,
            rootCause = "warehouse-picking",
        }, version);
        var dto = await patched.ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Wrong size delivered", dto.GetString("title"));
        Assert.Equal("high", dto.GetString("priority"));
        Assert.Equal("inProgress", dto.GetString("status"));
        Assert.Equal("Returns", dto.GetProperty("team").GetString("name"));
        Assert.Equal("warehouse-picking", dto.GetString("rootCause"));
        Assert.NotEqual(version, dto.GetGuid("version"));
        Assert.Equal($"\"{dto.GetGuid("version")}\"", patched.Headers.ETag?.Tag);
        var history = CaseData.History(dto).ToList();
        Assert.Contains("statusChanged: Status: new → in progress", history);
        Assert.Contains("updated: Priority: normal → high", history);
        Assert.Contains($"assigned: Assigned to {agent.DisplayName}", history);
        Assert.Contains("assigned: Moved to team Returns", history);
        Assert.Contains("updated: Title: “Wrong size” → “Wrong size delivered”", history);
        Assert.True(await workspace.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "case.updated" && a.Target == "case:1"
            && a.Details!.Contains("Priority: normal → high"))));

        // The version the first change started from is now stale, by header and by body.
        using var stale = await CaseData.PatchAsync(client, "1", new { title = "Overwritten" }, version);
        var problem = await Problem.AssertFieldAsync(stale, HttpStatusCode.PreconditionFailed, "version");
        Assert.Contains("someone changed it", problem.GetString("detail"), StringComparison.Ordinal);
        using var staleBody = await CaseData.PatchAsync(client, "1", new { title = "Overwritten", version });
        await Problem.AssertAsync(staleBody, HttpStatusCode.PreconditionFailed);
        Assert.Equal("Wrong size delivered", (await client.GetJsonAsync("/api/v1/cases/1")).GetString("title"));

        // Clearing with null, and bad values named.
        using var cleared = await CaseData.PatchAsync(client, "1", new { ownerId = (Guid?)null, teamId = (Guid?)null });
        var clearedDto = await cleared.ExpectAsync(HttpStatusCode.OK);
        Assert.True(clearedDto.IsNull("owner"));
        Assert.True(clearedDto.IsNull("team"));
        foreach (var (body, field) in new (object, string)[]
        {
            (new { title = "" }, "title"), (new { priority = "asap" }, "priority"), (new { status = "done" }, "status"),
            (new { ownerId = Guid.NewGuid() }, "ownerId"), (new { teamId = "x" }, "teamId"), (new { rootCause = new string('r', 101) }, "rootCause"),
            (new { number = 7 }, "number"),
        })
        {
            using var bad = await CaseData.PatchAsync(client, "1", body);
            await Problem.AssertFieldAsync(bad, HttpStatusCode.BadRequest, field);
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TwoPatchesFromTheSameVersion_OneWins_TheOtherIsToldAndNothingIsLost(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var version = (await CaseData.OpenAsync(client, new { title = "Broken zip" })).GetGuid("version");

        var results = await Task.WhenAll(
            CaseData.PatchAsync(client, "1", new { priority = "urgent" }, version),
            CaseData.PatchAsync(client, "1", new { title = "Broken zipper on jacket" }, version));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], results.Select(r => r.StatusCode).Order());
        var now = await client.GetJsonAsync("/api/v1/cases/1");
        var winner = results[0].StatusCode == HttpStatusCode.OK ? 0 : 1;
        // The winner's change is there and the loser's did not overwrite anything.
        Assert.Equal(winner == 0 ? "urgent" : "normal", now.GetString("priority"));
        Assert.Equal(winner == 1 ? "Broken zipper on jacket" : "Broken zip", now.GetString("title"));

        // Without a version, two different changes at once are both kept.
        var unversioned = await Task.WhenAll(
            CaseData.PatchAsync(client, "1", new { description = "Zip jams halfway" }),
            CaseData.PatchAsync(client, "1", new { rootCause = "supplier-quality" }));
        Assert.All(unversioned, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var both = await client.GetJsonAsync("/api/v1/cases/1");
        Assert.Equal("Zip jams halfway", both.GetString("description"));
        Assert.Equal("supplier-quality", both.GetString("rootCause"));
        foreach (var r in results.Concat(unversioned))
        {
            r.Dispose();
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Actions_FollowTheCasesLife_ResolveCloseReopen(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var version = (await CaseData.OpenAsync(client, new { title = "Charged twice" })).GetGuid("version");

        using (var noCause = await CaseData.ActAsync(client, "1", new { action = "resolve" }))
        {
            var problem = await Problem.AssertFieldAsync(noCause, HttpStatusCode.BadRequest, "rootCause");
            Assert.True(problem.GetProperty("errors").TryGetProperty("resolutionCode", out _));
        }

        using (var unknown = await CaseData.ActAsync(client, "1", new { action = "escalate" }))
        {
            await Problem.AssertFieldAsync(unknown, HttpStatusCode.BadRequest, "action");
        }

        using (var emptyNote = await CaseData.ActAsync(client, "1", new { action = "note", body = " " }))
        {
            await Problem.AssertFieldAsync(emptyNote, HttpStatusCode.BadRequest, "body");
        }

        await CaseData.ActOkAsync(client, "1", new { action = "note", body = "Called the bank" });
        using (var stale = await CaseData.ActAsync(client, "1", new { action = "resolve", rootCause = "x", resolutionCode = "y", version = Guid.NewGuid() }))
        {
            await Problem.AssertAsync(stale, HttpStatusCode.PreconditionFailed);
        }

        // A note does not change the version: the resolve with the version read before the note still applies.
        var resolved = await CaseData.ActOkAsync(client, "1", new
        {
            action = "resolve",
            rootCause = "payment-gateway",
            resolutionCode = "refund",
            note = "Refunded the double charge",
            version,
        });
        Assert.Equal("resolved", resolved.GetString("status"));
        Assert.Equal("Refunded the double charge", resolved.GetString("resolutionNote"));
        Assert.False(resolved.IsNull("resolvedAt"));
        using (var again = await CaseData.ActAsync(client, "1", new { action = "resolve", rootCause = "a", resolutionCode = "b" }))
        {
            await Problem.AssertFieldAsync(again, HttpStatusCode.Conflict, "status");
        }

        var closed = await CaseData.ActOkAsync(client, "1", new { action = "close" });
        Assert.Equal("closed", closed.GetString("status"));
        using (var resolveClosed = await CaseData.ActAsync(client, "1", new { action = "resolve", rootCause = "a", resolutionCode = "b" }))
        {
            var problem = await Problem.AssertFieldAsync(resolveClosed, HttpStatusCode.Conflict, "status");
            Assert.Contains("closed case cannot be resolved", problem.GetString("detail"), StringComparison.Ordinal);
        }

        using (var patchResolve = await CaseData.PatchAsync(client, "1", new { status = "resolved" }))
        {
            await Problem.AssertAsync(patchResolve, HttpStatusCode.Conflict);
        }

        var reopened = await CaseData.ActOkAsync(client, "1", new { action = "reopen", note = "Charged a third time" });
        Assert.Equal("inProgress", reopened.GetString("status"));
        Assert.Equal(1, reopened.GetProperty("reopenCount").GetInt32());
        Assert.True(reopened.IsNull("closedAt"));
        using (var reopenOpen = await CaseData.ActAsync(client, "1", new { action = "reopen" }))
        {
            await Problem.AssertAsync(reopenOpen, HttpStatusCode.Conflict);
        }

        using (var backToNew = await CaseData.PatchAsync(client, "1", new { status = "new" }))
        {
            await Problem.AssertAsync(backToNew, HttpStatusCode.Conflict);
        }

        var history = CaseData.History(reopened).ToList();
        Assert.Equal(
        [
            "created: Opened through the API",
            "note: Called the bank",
            "updated: Root cause: payment-gateway",
            "updated: Resolution code: refund",
            "statusChanged: Status: new → resolved",
            "statusChanged: Status: resolved → closed",
            "reopened: Reopened (was closed): Charged a third time",
        ], history);
        // Opened, the note, resolved, closed, reopened.
        Assert.Equal(5, await workspace.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Target == "case:1")));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Cases_JoinTheCustomersTimeline(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var customer = await CaseData.CustomerAsync(workspace);
        await CaseData.OpenAsync(client, new { title = "Damaged box", customerId = customer });
        await CaseData.ActOkAsync(client, "1", new { action = "resolve", rootCause = "packaging", resolutionCode = "replacement" });

        var timeline = await client.GetJsonAsync($"/api/v1/customers/{customer}/timeline");

        var item = Assert.Single(timeline.GetProperty("items").EnumerateArray(), i => i.GetString("kind") == "case");
        Assert.Equal("Case 1: Damaged box", item.GetString("title"));
        Assert.Equal("resolved", item.GetProperty("details").GetString("status"));
        Assert.Equal("packaging", item.GetProperty("details").GetString("rootCause"));
    }

    private static List<int> Numbers(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("number").GetInt32()).ToList();
}
