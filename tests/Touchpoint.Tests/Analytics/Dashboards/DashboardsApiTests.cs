using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;
using Touchpoint.Tests.Infrastructure;
using static Touchpoint.Tests.Analytics.Dashboards.DashboardData;

namespace Touchpoint.Tests.Analytics.Dashboards;

/// <summary>/api/v1/dashboards: configurable dashboards and their widgets' figures.</summary>
[Collection(AppCollection.Name)]
public sealed class DashboardsApiTests(AppFixture fixture)
{
    private static object Board(string name, params object[] widgets) => new { name, filters = "from=2026-01-01&to=2026-01-31", widgets };

    [Theory, OnSqlite, OnPostgres]
    public async Task Dashboards_CreateReadUpdateDelete_RoundTrips(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        var created = await client.PostJsonAsync("/api/v1/dashboards", Board("Weekly review",
            new { kind = "scoreCard", metric = "nps" },
            new { kind = "breakdown", metric = "csat", dimension = "touchPoint", title = "CSAT per touch point", filters = "channel=web" }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var listed = await client.GetJsonAsync("/api/v1/dashboards");
        using var put = await client.PutAsJsonAsync($"/api/v1/dashboards/{id}", new
        {
            name = "Monday review",
            widgets = new object[] { new { kind = "trend", metric = "ces" }, new { kind = "scoreCard", metric = "nps" } },
        });
        var updated = await put.ExpectAsync(HttpStatusCode.OK);
        using var deleted = await client.DeleteAsync($"/api/v1/dashboards/{id}");
        using var gone = await client.GetAsync($"/api/v1/dashboards/{id}");

        Assert.True(created.GetProperty("shared").GetBoolean());
        Assert.Equal("from=2026-01-01&to=2026-01-31", created.GetProperty("filters").GetString());
        var widgets = created.GetProperty("widgets").EnumerateArray().ToList();
        Assert.Equal(["scoreCard", "breakdown"], widgets.Select(w => w.GetProperty("kind").GetString()));
        Assert.Equal("touchPoint", widgets[1].GetProperty("dimension").GetString());
        Assert.Equal("channel=web", widgets[1].GetProperty("filters").GetString());
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetGuid() == id);
        Assert.Equal("Monday review", updated.GetProperty("name").GetString());
        Assert.Equal(["trend", "scoreCard"], updated.GetProperty("widgets").EnumerateArray().Select(w => w.GetProperty("kind").GetString()));
        Assert.Equal("", updated.GetProperty("filters").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await Problem.AssertAsync(gone, HttpStatusCode.NotFound);
        var audit = await workspace.QueryAsync(db => db.AuditEntries.Where(a => a.Target == $"dashboard:{id}").Select(a => a.Action).ToListAsync());
        Assert.Equal(["dashboard.created", "dashboard.deleted", "dashboard.updated"], audit.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("{\"name\":\"\"}", "name")]
    [InlineData("{\"name\":\"x\",\"widgets\":[{\"kind\":\"pie\"}]}", "widgets[0].kind")]
    [InlineData("{\"name\":\"x\",\"widgets\":[{\"kind\":\"breakdown\",\"metric\":\"nps\"}]}", "widgets[0].dimension")]
    [InlineData("{\"name\":\"x\",\"widgets\":[{\"kind\":\"trend\",\"metric\":\"nps\",\"filters\":\"channel=fax\"}]}", "widgets[0].filters.channel")]
    [InlineData("{\"name\":\"x\",\"filters\":\"colour=red\"}", "filters")]
    [InlineData("{\"name\":\"x\",\"roleDefault\":\"king\"}", "roleDefault")]
    public async Task Create_BadInput_NamesTheFieldToFix(string body, string field)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(DatabaseProvider.Sqlite));
        using var client = workspace.Client();

        using var response = await client.PostAsync("/api/v1/dashboards", Api.Json(body));

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Data_EachWidget_HasItsFiguresUnderItsOwnFilters(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var survey = await workspace.SurveyAsync();
        var checkout = await workspace.TouchPointAsync("Checkout on web");
        var chat = await workspace.TouchPointAsync("Live chat");
        await workspace.AnswersAsync(survey, SurveyMetric.Nps, Utc(2026, 1, 10), [10, 10, 10, 9, 9, 8, 7, 6, 5, 0], checkout.Id, Channel.Web);
        await workspace.AnswersAsync(survey, SurveyMetric.Nps, Utc(2026, 1, 20), [10, 10, 10, 10, 10, 10, 10, 10, 9, 9], chat.Id, Channel.Chat);
        using var client = workspace.Client();
        var created = await client.PostJsonAsync("/api/v1/dashboards", Board("Web",
            new { kind = "scoreCard", metric = "nps", filters = "channel=web" },
            new { kind = "breakdown", metric = "nps", dimension = "channel" },
            new { kind = "distribution", metric = "nps", filters = "channel=chat" }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();

        var saved = await client.GetJsonAsync($"/api/v1/dashboards/{id}/data");
        var narrowed = await client.GetJsonAsync($"/api/v1/dashboards/{id}/data?from=2026-01-15&to=2026-01-31");
        using var bad = await client.GetAsync($"/api/v1/dashboards/{id}/data?days=7");

        // The saved filter is January: the web card is 20 (n 10); both channels in the breakdown; chat's answers are 8x10 and 2x9.
        Assert.Equal("2026-01-01", saved.GetProperty("from").GetString());
        var widgets = saved.GetProperty("widgets").EnumerateArray().ToList();
        Assert.Equal(20, widgets[0].GetProperty("score").GetProperty("score").GetDouble(), 6);
        Assert.Equal(10, widgets[0].GetProperty("score").GetProperty("n").GetInt32());
        var channels = widgets[1].GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!, r => r.GetProperty("score").GetDouble());
        Assert.Equal(new Dictionary<string, double> { ["web"] = 20, ["chat"] = 100 }, channels);
        var answers = widgets[2].GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("answer").GetInt32(), r => r.GetProperty("responses").GetInt32());
        Assert.Equal(8, answers[10]);
        Assert.Equal(2, answers[9]);
        Assert.Equal(0, answers[0]);
        // From the 15th only chat answered: the web card has no answers, so no score.
        var card = narrowed.GetProperty("widgets")[0].GetProperty("score");
        Assert.Equal(0, card.GetProperty("n").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, card.GetProperty("score").ValueKind);
        await Problem.AssertFieldAsync(bad, HttpStatusCode.BadRequest, "days");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Dashboards_OfAnotherWorkspace_AreNotFound(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var other = await TestWorkspace.CreateAsync(workspace.App);
        using var client = workspace.Client();
        using var otherClient = other.Client();
        var created = await client.PostJsonAsync("/api/v1/dashboards", Board("Ours", new { kind = "scoreCard", metric = "nps" }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();

        using var get = await otherClient.GetAsync($"/api/v1/dashboards/{id}");
        using var data = await otherClient.GetAsync($"/api/v1/dashboards/{id}/data");
        using var put = await otherClient.PutAsJsonAsync($"/api/v1/dashboards/{id}", new { name = "Theirs" });
        using var delete = await otherClient.DeleteAsync($"/api/v1/dashboards/{id}");
        var listed = await otherClient.GetJsonAsync("/api/v1/dashboards");

        await Problem.AssertAsync(get, HttpStatusCode.NotFound);
        await Problem.AssertAsync(data, HttpStatusCode.NotFound);
        await Problem.AssertAsync(put, HttpStatusCode.NotFound);
        await Problem.AssertAsync(delete, HttpStatusCode.NotFound);
        Assert.Empty(listed.GetProperty("items").EnumerateArray());
        Assert.Equal("Ours", (await client.GetJsonAsync($"/api/v1/dashboards/{id}")).GetProperty("name").GetString());
    }
}
