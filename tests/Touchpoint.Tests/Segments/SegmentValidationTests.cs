using System.Net;
using System.Net.Http.Json;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Segments;

/// <summary>Bad rules get problems naming the JSON path and what to fix; other workspaces' segments do not exist.</summary>
[Collection(AppCollection.Name)]
public sealed class SegmentValidationTests(AppFixture fixture)
{
    private static object Nested(int depth) =>
        depth == 0 ? new { type = "trait", key = "plan", op = "exists" } : new { type = "all", rules = new[] { Nested(depth - 1) } };

    private static readonly (string Json, string Path)[] BadRules =
    [
        ("""{"type":"all","rules":[{"type":"trait","key":"plan","op":"eq","value":"pro"},{"type":"trait","key":"plan","op":"like","value":"x"}]}""", "rule.rules[1].op"),
        ("""{"type":"any","rules":[{"type":"segmnt","segment":"x"}]}""", "rule.rules[0].type"),
        ("""{"type":"event","name":"Order Completed","op":"gte","count":"two"}""", "rule.count"),
        ("""{"type":"event","name":"Order Completed","op":"gte","count":-1}""", "rule.count"),
        ("""{"type":"score","metric":"nps","op":"lte","value":42}""", "rule.value"),
        ("""{"type":"score","metric":"eNps","op":"lte","value":4}""", "rule.metric"),
        ("""{"type":"radius","latitude":95,"longitude":4.8,"km":10}""", "rule.latitude"),
        ("""{"type":"radius","latitude":52,"longitude":4.8,"km":5000}""", "rule.km"),
        ("""{"type":"persona","persona":"00000000-0000-0000-0000-000000000001"}""", "rule.persona"),
        ("""{"type":"segment","segment":"not-an-id"}""", "rule.segment"),
        ("""{"type":"lifecycle","stages":["use","retired"]}""", "rule.stages[1]"),
        ("""{"type":"not"}""", "rule.rule"),
        ("""{"type":"trait","key":"age","op":"gt","value":"old"}""", "rule.value"),
        ("""{"type":"consent","flag":"fax","value":true}""", "rule.flag"),
    ];

    [Theory, OnSqlite, OnPostgres]
    public async Task Preview_BadRule_NamesThePathToFix(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        foreach (var (rule, path) in BadRules)
        {
            using var response = await client.PostAsync("/api/v1/segments/preview", Api.Json($$"""{"rule":{{rule}}}"""));
            await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, path);
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Preview_TypeAfterOtherProperties_IsRead(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        await workspace.AddCustomerAsync("ana", """{"plan":"pro"}""");

        using var response = await client.PostAsync("/api/v1/segments/preview",
            Api.Json("""{"rule":{"rules":[{"key":"plan","value":"pro","op":"eq","type":"trait"}],"type":"all"}}"""));

        Assert.Equal(1, (await response.ExpectAsync(HttpStatusCode.OK)).GetProperty("count").GetInt32());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Create_TooDeepOrTooManyConditionsOrSelfReference_AreFieldErrors(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var many = new { type = "any", rules = Enumerable.Range(0, 51).Select(i => new { type = "trait", key = $"k{i}", op = "exists" }).ToArray() };

        using var deep = await client.PostAsJsonAsync("/api/v1/segments", new { name = "Deep", rule = Nested(8) });
        using var wide = await client.PostAsJsonAsync("/api/v1/segments", new { name = "Wide", rule = many });
        using var noName = await client.PostAsJsonAsync("/api/v1/segments", new { rule = Nested(0) });

        await Problem.AssertFieldAsync(deep, HttpStatusCode.BadRequest, "rule.rules[0].rules[0].rules[0].rules[0].rules[0].rules[0].rules[0].rules[0]");
        await Problem.AssertFieldAsync(wide, HttpStatusCode.BadRequest, "rule");
        await Problem.AssertFieldAsync(noName, HttpStatusCode.BadRequest, "name");
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/segments", new { name = "Seven", rule = Nested(7) })).StatusCode);

        var segment = (await client.CreateSegmentAsync(Nested(0))).GetGuid("id");
        using var self = await client.PutAsJsonAsync($"/api/v1/segments/{segment}", new { name = "Self", rule = new { type = "segment", segment } });
        await Problem.AssertFieldAsync(self, HttpStatusCode.BadRequest, "rule.segment");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AnotherWorkspacesSegment_IsNotFoundEverywhere(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var mine = await TestWorkspace.CreateAsync(app);
        var theirs = await TestWorkspace.CreateAsync(app);
        using var their = theirs.Client();
        using var client = mine.Client();
        await theirs.AddCustomerAsync("secret");
        var segment = (await their.CreateSegmentAsync(new { type = "all", rules = Array.Empty<object>() })).GetGuid("id");

        await Problem.AssertAsync(await client.GetAsync($"/api/v1/segments/{segment}"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await client.GetAsync($"/api/v1/segments/{segment}/members"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await client.PostAsync($"/api/v1/segments/{segment}/recompute", null), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await client.DeleteAsync($"/api/v1/segments/{segment}"), HttpStatusCode.NotFound);
        await Problem.AssertFieldAsync(await client.PostAsync("/api/v1/segments/preview", Api.Json($$$"""{"rule":{"type":"segment","segment":"{{{segment}}}"}}""")),
            HttpStatusCode.BadRequest, "rule.segment");
        Assert.Empty((await client.GetJsonAsync("/api/v1/segments")).GetProperty("items").EnumerateArray());
        Assert.Equal(["secret"], await their.MemberExternalIdsAsync(segment));
    }
}
