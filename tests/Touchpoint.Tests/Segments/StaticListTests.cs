using System.Net;
using System.Net.Http.Json;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Segments;

/// <summary>Static lists: members added and removed by id or external id, unknown ones reported, the rest kept.</summary>
[Collection(AppCollection.Name)]
public sealed class StaticListTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task AddAndRemove_ByIdAndExternalId_ReportsUnknownItemsAndKeepsTheRest(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var ana = await workspace.AddCustomerAsync("ana");
        await workspace.AddCustomerAsync("bo");
        await workspace.AddCustomerAsync("cy");
        var list = (await client.PostJsonAsync("/api/v1/segments", new { name = "VIP list", kind = "static" }, HttpStatusCode.Created)).GetGuid("id");

        var added = await client.PostJsonAsync($"/api/v1/segments/{list}/members",
            new { customerIds = new[] { ana.ToString(), Guid.NewGuid().ToString() }, externalIds = new[] { "bo", "nobody", "cy" } }, HttpStatusCode.OK);

        Assert.Equal(3, added.GetProperty("changed").GetInt32());
        Assert.Equal(3, added.GetProperty("memberCount").GetInt32());
        var unknown = added.GetProperty("unknown").EnumerateArray().Select(u => u.GetString("field")).Order().ToList();
        Assert.Equal(["customerIds[1]", "externalIds[1]"], unknown);
        Assert.Equal(["ana", "bo", "cy"], await client.MemberExternalIdsAsync(list));
        Assert.Equal(["ana", "bo", "cy"], await client.MemberExternalIdsAsync(list, limit: 1));

        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/segments/{list}/members")
        {
            Content = JsonContent.Create(new { externalIds = new[] { "bo" } }),
        };
        using var removed = await client.SendAsync(request);
        var body = await removed.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, body.GetProperty("memberCount").GetInt32());
        Assert.Equal(["ana", "cy"], await client.MemberExternalIdsAsync(list));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AddMembers_ToADynamicSegment_IsAConflictProblem(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var segment = (await client.CreateSegmentAsync(new { type = "all", rules = Array.Empty<object>() })).GetGuid("id");

        using var response = await client.PostAsJsonAsync($"/api/v1/segments/{segment}/members", new { externalIds = new[] { "x" } });

        await Problem.AssertAsync(response, HttpStatusCode.Conflict);
    }
}
