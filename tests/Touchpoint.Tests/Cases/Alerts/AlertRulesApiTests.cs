using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Cases.Alerts;

/// <summary>/api/v1/alert-rules: create, read, change, delete, preview; bad input named by field; other workspaces' rules invisible.</summary>
[Collection(AppCollection.Name)]
public sealed class AlertRulesApiTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Rule_CreatedReadChangedAndDeleted_EachChangeAudited(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();

        var created = await api.PostJsonAsync("/api/v1/alert-rules", new
        {
            name = "Churn risk",
            trigger = "response",
            conditions = new object[] { new { kind = "signal", value = "churn" }, new { kind = "channel", value = "web" } },
            priority = "urgent",
            assignment = "unassigned",
        }, HttpStatusCode.Created);
        var id = created.GetGuid("id");
        var read = await api.GetJsonAsync($"/api/v1/alert-rules/{id}");
        using var changed = await api.PutAsJsonAsync($"/api/v1/alert-rules/{id}", new
        {
            name = "Churn risk (web)",
            enabled = false,
            trigger = "response",
            conditions = new object[] { new { kind = "signal", value = "churn" } },
            priority = "high",
            version = read.GetGuid("version"),
        });
        var listed = await api.GetJsonAsync("/api/v1/alert-rules");
        using var deleted = await api.DeleteAsync($"/api/v1/alert-rules/{id}");
        using var gone = await api.GetAsync($"/api/v1/alert-rules/{id}");

        Assert.Equal("urgent", read.GetString("priority"));
        Assert.Equal("signal", read.GetProperty("conditions")[0].GetString("kind"));
        Assert.Equal("web", read.GetProperty("conditions")[1].GetString("value"));
        var after = await changed.ExpectAsync(HttpStatusCode.OK);
        Assert.False(after.GetProperty("enabled").GetBoolean());
        Assert.Equal("handlingAgent", after.GetString("assignment"));
        var item = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal("Churn risk (web)", item.GetString("name"));
        Assert.Equal(0, item.GetProperty("casesOpened30Days").GetInt32());
        await deleted.ExpectAsync(HttpStatusCode.NoContent);
        await Problem.AssertAsync(gone, HttpStatusCode.NotFound);
        var audited = await workspace.QueryAsync(db => db.AuditEntries.Where(a => a.Target == $"alert-rule:{id}").OrderBy(a => a.At)
            .Select(a => a.Action).ToListAsync());
        Assert.Equal(["alert-rule.created", "alert-rule.updated", "alert-rule.deleted"], audited);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Create_BadConditions_NamesTheFieldToFix(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();

        async Task<HttpResponseMessage> CreateAsync(object body) => await api.PostAsJsonAsync("/api/v1/alert-rules", body);

        using var outOfRange = await CreateAsync(new
        {
            name = "x",
            trigger = "response",
            conditions = new object[] { new { kind = "channel", value = "web" }, new { kind = "score", metric = "nps", min = 0, max = 11 } }
        });
        using var wrongKind = await CreateAsync(new { name = "x", trigger = "event", conditions = new object[] { new { kind = "score", metric = "nps", max = 6 } } });
        using var badSignal = await CreateAsync(new
        {
            name = "x",
            trigger = "response",
            conditions = new object[] { new { kind = "channel", value = "web" }, new { kind = "topic", value = "Delivery" }, new { kind = "signal", value = "angry" } }
        });
        using var unknownSegment = await CreateAsync(new
        {
            name = "x",
            trigger = "response",
            conditions = new object[] { new { kind = "segment", value = Guid.NewGuid() } }
        });
        using var badOperator = await CreateAsync(new
        {
            name = "x",
            trigger = "event",
            conditions = new object[] { new { kind = "property", path = "amount", op = "~", value = "1" } }
        });
        using var noConditions = await CreateAsync(new { name = "x", trigger = "response", conditions = Array.Empty<object>() });
        using var noName = await CreateAsync(new { trigger = "response", conditions = AlertData.Detractor });
        using var badTrigger = await CreateAsync(new { name = "x", trigger = "sometimes", conditions = AlertData.Detractor });
        using var roundRobinWithoutTeam = await CreateAsync(new { name = "x", trigger = "response", conditions = AlertData.Detractor, assignment = "roundRobin" });
        using var notAnArray = await api.PostAsync("/api/v1/alert-rules", Api.Json("""{"name":"x","trigger":"response","conditions":{"kind":"score"}}"""));

        await Problem.AssertFieldAsync(outOfRange, HttpStatusCode.BadRequest, "conditions[1].max");
        await Problem.AssertFieldAsync(wrongKind, HttpStatusCode.BadRequest, "conditions[0].kind");
        await Problem.AssertFieldAsync(badSignal, HttpStatusCode.BadRequest, "conditions[2].value");
        await Problem.AssertFieldAsync(unknownSegment, HttpStatusCode.BadRequest, "conditions[0].value");
        await Problem.AssertFieldAsync(badOperator, HttpStatusCode.BadRequest, "conditions[0].op");
        await Problem.AssertFieldAsync(noConditions, HttpStatusCode.BadRequest, "conditions");
        await Problem.AssertFieldAsync(noName, HttpStatusCode.BadRequest, "name");
        await Problem.AssertFieldAsync(badTrigger, HttpStatusCode.BadRequest, "trigger");
        await Problem.AssertFieldAsync(roundRobinWithoutTeam, HttpStatusCode.BadRequest, "teamId");
        await Problem.AssertFieldAsync(notAnArray, HttpStatusCode.BadRequest, "conditions");
        Assert.Empty(await workspace.QueryAsync(db => db.AlertRules.ToListAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AnotherWorkspacesRule_IsNotFound_AndAReadOnlyKeyIsRefused(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        var other = await TestWorkspace.CreateAsync(app);
        using var otherApi = other.Client();
        var theirs = await otherApi.CreateRuleAsync("Theirs", "response", AlertData.Detractor);
        using var api = workspace.Client();
        var reader = await workspace.CreateKeyAsync(ApiKeyKind.Rest, ApiScopes.Read);
        using var readOnly = workspace.ClientWithKey(reader.PlainKey);

        using var get = await api.GetAsync($"/api/v1/alert-rules/{theirs}");
        using var put = await api.PutAsJsonAsync($"/api/v1/alert-rules/{theirs}", new { name = "Mine now", trigger = "response", conditions = AlertData.Detractor });
        using var delete = await api.DeleteAsync($"/api/v1/alert-rules/{theirs}");
        var listed = await api.GetJsonAsync("/api/v1/alert-rules");
        using var forbidden = await readOnly.PostAsJsonAsync("/api/v1/alert-rules", new { name = "x", trigger = "response", conditions = AlertData.Detractor });

        await Problem.AssertAsync(get, HttpStatusCode.NotFound);
        await Problem.AssertAsync(put, HttpStatusCode.NotFound);
        await Problem.AssertAsync(delete, HttpStatusCode.NotFound);
        Assert.Empty(listed.GetProperty("items").EnumerateArray());
        await Problem.AssertAsync(forbidden, HttpStatusCode.Forbidden);
        Assert.Equal("Theirs", await other.QueryAsync(db => db.AlertRules.Where(r => r.Id == theirs).Select(r => r.Name).SingleAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Put_WithAStaleVersion_IsRefusedAndKeepsTheOtherChange(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var id = await api.CreateRuleAsync("Detractors", "response", AlertData.Detractor);
        var stale = (await api.GetJsonAsync($"/api/v1/alert-rules/{id}")).GetGuid("version");
        using (var first = await api.PutAsJsonAsync($"/api/v1/alert-rules/{id}", new { name = "First", trigger = "response", conditions = AlertData.Detractor, version = stale }))
        {
            await first.ExpectAsync(HttpStatusCode.OK);
        }

        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/alert-rules/{id}")
        {
            Content = JsonContent.Create(new { name = "Second", trigger = "response", conditions = AlertData.Detractor }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{stale}\"");
        using var second = await api.SendAsync(request);
        using var third = await api.PutAsJsonAsync($"/api/v1/alert-rules/{id}", new { name = "Third", trigger = "response", conditions = AlertData.Detractor, version = stale });

        await Problem.AssertAsync(second, HttpStatusCode.PreconditionFailed);
        await Problem.AssertAsync(third, HttpStatusCode.Conflict);
        Assert.Equal("First", (await api.GetJsonAsync($"/api/v1/alert-rules/{id}")).GetString("name"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Preview_CountsTheLast30DaysMatches(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var survey = (await api.CreateSurveyAsync()).GetGuid("id");
        foreach (var score in new[] { 2, 6, 7, 10 })
        {
            await api.SubmitAsync(survey, score);
        }

        await api.SubmitAsync(survey, 1, submittedAt: DateTime.UtcNow.AddDays(-40));

        var preview = await api.PostJsonAsync("/api/v1/alert-rules/preview", new { trigger = "response", conditions = AlertData.Detractor }, HttpStatusCode.OK);
        using var bad = await api.PostAsJsonAsync("/api/v1/alert-rules/preview", new { trigger = "response", conditions = new object[] { new { kind = "wait", minutes = 5 } } });

        Assert.Equal(2, preview.GetProperty("matched").GetInt32());
        Assert.Equal(4, preview.GetProperty("read").GetInt32());
        await Problem.AssertFieldAsync(bad, HttpStatusCode.BadRequest, "conditions[0].kind");
    }
}
