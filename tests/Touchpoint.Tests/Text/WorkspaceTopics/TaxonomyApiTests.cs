using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Core.Text.Storage;
using Touchpoint.Core.Text.Workspace;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.TextAnalysis.WorkspaceTopics;

/// <summary>GET and PUT /api/v1/text/taxonomy: the whole tree, validated, versioned, audited, per workspace.</summary>
[Collection(AppCollection.Name)]
public sealed class TaxonomyApiTests(AppFixture fixture)
{
    private const string ParkingTree = """
        {"topics":[
          {"name":"Parking","keywords":["parking","car park*"],"exclusions":["parking was fine"],"minimumCount":1,
           "children":[{"name":"Parking fees","keywords":["parking fee*","pay and display"]}]},
          {"name":"Staff","keywords":["staff","employee*"]}
        ]}
        """;

    [Theory, OnSqlite, OnPostgres]
    public async Task Get_NewWorkspace_ReturnsTheBuiltInTaxonomyAtVersionZero(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        var taxonomy = await client.GetJsonAsync("/api/v1/text/taxonomy");

        Assert.Equal(0, taxonomy.GetProperty("version").GetInt32());
        Assert.False(taxonomy.GetProperty("custom").GetBoolean());
        var names = taxonomy.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Contains("Delivery", names);
        Assert.Contains("Billing", names);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Put_WholeTree_RoundTripsRaisesTheVersionAndAudits(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        var saved = await (await client.PutAsync("/api/v1/text/taxonomy", Api.Json(ParkingTree))).ExpectAsync(HttpStatusCode.OK);
        var again = await (await client.PutAsync("/api/v1/text/taxonomy", Api.Json(ParkingTree))).ExpectAsync(HttpStatusCode.OK);
        var read = await client.GetJsonAsync("/api/v1/text/taxonomy");

        Assert.Equal(1, saved.GetProperty("version").GetInt32());
        Assert.Equal(2, again.GetProperty("version").GetInt32());
        Assert.True(read.GetProperty("custom").GetBoolean());
        var parking = read.GetProperty("topics")[0];
        Assert.Equal("Parking", parking.GetString("name"));
        Assert.Equal(["parking", "car park*"], parking.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()!).ToArray());
        Assert.Equal("parking was fine", parking.GetProperty("exclusions")[0].GetString());
        Assert.Equal("Parking fees", parking.GetProperty("children")[0].GetString("name"));
        Assert.Equal("Staff", read.GetProperty("topics")[1].GetString("name"));
        Assert.Equal(2, await workspace.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "text.taxonomy_saved")));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Put_InvalidTree_NamesEveryWrongFieldByItsPathAndSavesNothing(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var tooLong = new string('x', 101);
        var body = $$"""
            {"topics":[
              {"name":"","keywords":["ok"]},
              {"name":"{{tooLong}}"},
              {"name":"Billing > Refunds"},
              {"name":"Twice"},{"name":"twice"},
              {"name":"Bad patterns","keywords":["fine","  ","re*und","a*","!!!"],"exclusions":["","ok"],"minimumCount":0},
              {"name":"L1","children":[{"name":"L2","children":[{"name":"L3","children":[{"name":"L4","children":[{"name":"L5"}]}]}]}]},
              null
            ]}
            """;

        var response = await client.PutAsync("/api/v1/text/taxonomy", Api.Json(body));

        var problem = await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "topics[0].name");
        var errors = problem.GetProperty("errors");
        foreach (var field in new[]
        {
            "topics[1].name", "topics[2].name", "topics[4].name", "topics[5].keywords[1]", "topics[5].keywords[2]", "topics[5].keywords[3]",
            "topics[5].keywords[4]", "topics[5].exclusions[0]", "topics[5].minimumCount", "topics[6].children[0].children[0].children[0].children[0]", "topics[7]",
        })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"Expected an error for {field}: {errors}");
        }

        Assert.False(errors.TryGetProperty("topics[3].name", out _));
        Assert.False(errors.TryGetProperty("topics[5].keywords[0]", out _));
        await Problem.AssertFieldAsync(await client.PutAsync("/api/v1/text/taxonomy", Api.Json("{}")), HttpStatusCode.BadRequest, "topics");
        Assert.Equal(0, (await client.GetJsonAsync("/api/v1/text/taxonomy")).GetProperty("version").GetInt32());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Put_OneWorkspace_LeavesAnotherWorkspacesTaxonomyAndAnalyserAlone(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var mine = await TestWorkspace.CreateAsync(app);
        var theirs = await TestWorkspace.CreateAsync(app);
        using var client = mine.Client();
        using var other = theirs.Client();

        await (await client.PutAsync("/api/v1/text/taxonomy", Api.Json(ParkingTree))).ExpectAsync(HttpStatusCode.OK);

        var theirTaxonomy = await other.GetJsonAsync("/api/v1/text/taxonomy");
        Assert.Equal(0, theirTaxonomy.GetProperty("version").GetInt32());
        Assert.Contains(theirTaxonomy.GetProperty("topics").EnumerateArray(), t => t.GetString("name") == "Delivery");
        var source = app.Services.GetRequiredService<ITextAnalyzerSource>();
        Assert.DoesNotContain((await source.GetAsync(theirs.Id)).Analyzer.Topics.Match("no parking anywhere"), m => m.Path == "Parking");
        Assert.Equal(0, await theirs.QueryAsync(db => db.TaxonomyTopics.CountAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Analyzer_IsKeptUntilASaveThenRebuiltWithTheNewTopics(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        using var client = workspace.Client();
        var source = app.Services.GetRequiredService<WorkspaceTextAnalyzerSource>();
        Assert.Same(source, app.Services.GetRequiredService<ITextAnalyzerSource>());

        var before = await source.GetAsync(workspace.Id);
        var builds = source.Builds;
        for (var i = 0; i < 100; i++)
        {
            Assert.Same(before, await source.GetAsync(workspace.Id));
        }

        Assert.Equal(builds, source.Builds);
        await (await client.PutAsync("/api/v1/text/taxonomy", Api.Json(ParkingTree))).ExpectAsync(HttpStatusCode.OK);
        var after = await source.GetAsync(workspace.Id);

        Assert.Equal(0, before.TaxonomyVersion);
        Assert.Empty(before.Analyzer.Topics.Match("The car park was full"));
        Assert.Equal(1, after.TaxonomyVersion);
        Assert.Equal(["Parking"], after.Analyzer.Topics.Match("The car park was full").Select(m => m.Path));
        Assert.Equal(["Parking > Parking fees"], after.Analyzer.Topics.Match("The parking fee was steep").Select(m => m.Path).Where(p => p.Contains("fees")));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Put_WithAReadOnlyKey_IsForbidden(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var key = await workspace.CreateKeyAsync(Core.Platform.ApiKeyKind.Rest, Core.Platform.ApiScopes.Read);
        using var client = workspace.ClientWithKey(key.PlainKey);

        var response = await client.PutAsync("/api/v1/text/taxonomy", Api.Json(ParkingTree));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(JsonValueKind.Object, (await client.GetJsonAsync("/api/v1/text/taxonomy")).ValueKind);
    }
}
