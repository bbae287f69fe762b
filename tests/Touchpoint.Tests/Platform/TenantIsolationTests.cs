using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Core.Surveys;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Platform;

/// <summary>One workspace's key never reaches another workspace's data, through the API or the data context.</summary>
[Collection(AppCollection.Name)]
public sealed class TenantIsolationTests(AppFixture fixture)
{
    private sealed record TwoWorkspaces(TestWorkspace A, TestWorkspace B, Guid SurveyOfB, long ResponseOfB);

    private async Task<TwoWorkspaces> ArrangeAsync(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var a = await TestWorkspace.CreateAsync(app);
        var b = await TestWorkspace.CreateAsync(app);
        using var clientB = b.Client();
        var survey = (await clientB.CreateSurveyAsync()).GetGuid("id");
        var response = (await clientB.SubmitAsync(survey, 3, comment: "B's private comment")).GetInt64("id");
        return new TwoWorkspaces(a, b, survey, response);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task GetSurvey_OfAnotherWorkspace_Returns404Problem(DatabaseProvider provider)
    {
        var (a, _, surveyOfB, _) = await ArrangeAsync(provider);
        using var client = a.Client();

        using var response = await client.GetAsync($"/api/v1/surveys/{surveyOfB}");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task GetResponse_OfAnotherWorkspace_Returns404Problem(DatabaseProvider provider)
    {
        var (a, _, _, responseOfB) = await ArrangeAsync(provider);
        using var client = a.Client();

        using var response = await client.GetAsync($"/api/v1/responses/{responseOfB}");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ListResponsesAndSurveys_TwoWorkspacesWithData_ShowOnlyOwnRows(DatabaseProvider provider)
    {
        var (a, _, surveyOfB, responseOfB) = await ArrangeAsync(provider);
        using var client = a.Client();
        var surveyOfA = (await client.CreateSurveyAsync()).GetGuid("id");
        var own = (await client.SubmitAsync(surveyOfA, 9)).GetInt64("id");

        var responses = await client.GetJsonAsync("/api/v1/responses?limit=500");
        var filtered = await client.GetJsonAsync($"/api/v1/responses?survey={surveyOfB}");
        var surveys = await client.GetJsonAsync("/api/v1/surveys");

        Assert.Equal([own], responses.GetProperty("items").EnumerateArray().Select(r => r.GetInt64("id")));
        Assert.DoesNotContain(responses.GetProperty("items").EnumerateArray(), r => r.GetInt64("id") == responseOfB);
        Assert.Equal(0, filtered.GetProperty("items").GetArrayLength());
        Assert.Equal([surveyOfA], surveys.GetProperty("items").EnumerateArray().Select(s => s.GetGuid("id")));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PostResponse_ToAnotherWorkspacesSurvey_Returns404AndStoresNothing(DatabaseProvider provider)
    {
        var (a, b, surveyOfB, _) = await ArrangeAsync(provider);
        using var client = a.Client();

        using var response = await client.PostAsJsonAsync($"/api/v1/surveys/{surveyOfB}/responses", new { score = 10 });

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(1, await b.QueryAsync(db => db.Responses.CountAsync()));
        Assert.Equal(0, await a.QueryAsync(db => db.Responses.CountAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task GetNps_BothWorkspacesAnswered_CountsOnlyOwnAnswers(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var a = await TestWorkspace.CreateAsync(app);
        var b = await TestWorkspace.CreateAsync(app);
        using var clientA = a.Client();
        using var clientB = b.Client();
        var surveyA = (await clientA.CreateSurveyAsync()).GetGuid("id");
        var surveyB = (await clientB.CreateSurveyAsync()).GetGuid("id");
        for (var i = 0; i < 10; i++)
        {
            await clientA.SubmitAsync(surveyA, 10);
            await clientB.SubmitAsync(surveyB, 0);
        }

        var nps = await clientA.GetJsonAsync("/api/v1/metrics/nps");

        // Only A's ten promoters: NPS 100. Mixing in B's ten detractors would give 0 over 20 answers.
        Assert.Equal(10, nps.GetProperty("n").GetInt32());
        Assert.Equal(100, nps.GetProperty("score").GetDouble(), 6);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SaveChanges_ModifyingAnotherWorkspacesRow_ThrowsAndLeavesItUnchanged(DatabaseProvider provider)
    {
        var (a, b, surveyOfB, _) = await ArrangeAsync(provider);

        var thrown = await a.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            var foreign = await db.Surveys.IgnoreQueryFilters().SingleAsync(s => s.Id == surveyOfB);
            foreign.Name = "Renamed by A";
            return await Record.ExceptionAsync(() => db.SaveChangesAsync());
        });

        Assert.IsType<CrossWorkspaceWriteException>(thrown);
        Assert.NotEqual("Renamed by A", await b.QueryAsync(db => db.Surveys.Where(s => s.Id == surveyOfB).Select(s => s.Name).SingleAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SaveChanges_DeletingAnotherWorkspacesRow_ThrowsAndKeepsIt(DatabaseProvider provider)
    {
        var (a, b, _, responseOfB) = await ArrangeAsync(provider);

        var thrown = await a.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            db.Responses.Remove(await db.Responses.IgnoreQueryFilters().SingleAsync(r => r.Id == responseOfB));
            return await Record.ExceptionAsync(() => db.SaveChangesAsync());
        });

        Assert.IsType<CrossWorkspaceWriteException>(thrown);
        Assert.True(await b.QueryAsync(db => db.Responses.AnyAsync(r => r.Id == responseOfB)));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SaveChanges_AddingARowForAnotherWorkspace_Throws(DatabaseProvider provider)
    {
        var (a, b, _, _) = await ArrangeAsync(provider);

        var thrown = await a.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            db.Surveys.Add(new Survey { WorkspaceId = b.Id, Name = "Planted by A", Definition = "{}", LinkId = Guid.NewGuid().ToString("N")[..12] });
            return await Record.ExceptionAsync(() => db.SaveChangesAsync());
        });

        Assert.IsType<CrossWorkspaceWriteException>(thrown);
        Assert.False(await b.QueryAsync(db => db.Surveys.AnyAsync(s => s.Name == "Planted by A")));
    }
}
