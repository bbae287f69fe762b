using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Core.Text.Storage;
using Touchpoint.Core.Text.Workspace;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.TextAnalysis.WorkspaceTopics;

/// <summary>The re-scorer run by hand (its background worker is off here), so a test sets the stage a crash leaves.</summary>
public sealed class RescoringResumeTests(RescoringResumeTests.Fixture fixture) : IClassFixture<RescoringResumeTests.Fixture>
{
    private const string ParkingOnly = """{"topics":[{"name":"Parking","keywords":["parking","car park*"]}]}""";

    /// <summary>Apps whose background re-scorer does not run.</summary>
    public sealed class Fixture : AppFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings(DatabaseProvider provider) =>
            new Dictionary<string, string?> { ["Touchpoint:Text:Rescoring:Run"] = "false" };
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Rescoring_AfterACrashMidway_ResumesAndSkipsRowsAlreadyDone(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        using var client = workspace.Client();
        var surveyId = (await client.CreateSurveyAsync()).GetGuid("id");
        var done = await AnalyzedTexts.AddCommentAsync(workspace, surveyId, "No parking anywhere near the store.");
        var pending = await AnalyzedTexts.AddCommentAsync(workspace, surveyId, "The car park was closed again.");
        await (await client.PutAsync("/api/v1/text/taxonomy", Api.Json(ParkingOnly))).ExpectAsync(HttpStatusCode.OK);
        // As a crash would leave it: one row already written at version 1 (marked so a second pass shows), the other not.
        var marked = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await workspace.QueryAsync(db => db.AnalyzedTexts.Where(t => t.Id == done)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.TaxonomyVersion, 1).SetProperty(t => t.AnalyzedAt, marked)));

        var rescored = await app.Services.GetRequiredService<TextRescorer>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, rescored);
        Assert.True(await workspace.QueryAsync(db => db.TextSettings.AnyAsync(s => s.RescoredVersion == 1)));

        Assert.Equal(marked, await workspace.QueryAsync(db => db.AnalyzedTexts.Where(t => t.Id == done).Select(t => t.AnalyzedAt).SingleAsync()));
        Assert.Equal(["Parking"], await RescoringTests.TopicsAsync(workspace, pending, LabelOrigin.Rule));
        Assert.Equal(0, await app.Services.GetRequiredService<TextRescorer>().RunOnceAsync(CancellationToken.None));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TopicsPage_WhileTextsWaitForRescoring_ShowsProgress(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        using var client = workspace.Client();
        var surveyId = (await client.CreateSurveyAsync()).GetGuid("id");
        await AnalyzedTexts.AddCommentAsync(workspace, surveyId, "No parking anywhere near the store.");
        await AnalyzedTexts.AddCommentAsync(workspace, surveyId, "The car park was closed again.");
        await (await client.PutAsync("/api/v1/text/taxonomy", Api.Json(ParkingOnly))).ExpectAsync(HttpStatusCode.OK);
        using var session = new PageSession(app);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (_, waiting) = await session.GetAsync("/settings/topics");
        await app.Services.GetRequiredService<TextRescorer>().RunOnceAsync(CancellationToken.None);
        var (_, done) = await session.GetAsync("/settings/topics");

        Assert.Contains("Re-scoring 0 of 2 texts.", PageSession.Text(waiting), StringComparison.Ordinal);
        Assert.Contains("All 2 analysed texts use these topics.", PageSession.Text(done), StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Rescoring_ATextStampedWithAnOldVersionAfterItFinished_IsBroughtUpToDate(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        using var client = workspace.Client();
        var surveyId = (await client.CreateSurveyAsync()).GetGuid("id");
        await (await client.PutAsync("/api/v1/text/taxonomy", Api.Json(ParkingOnly))).ExpectAsync(HttpStatusCode.OK);
        var rescorer = app.Services.GetRequiredService<TextRescorer>();
        await rescorer.RunOnceAsync(CancellationToken.None);
        Assert.True(await workspace.QueryAsync(db => db.TextSettings.AnyAsync(s => s.RescoredVersion == 1)));

        // As a node that still had the built-in taxonomy (version 0) in memory would store it.
        var stale = await AnalyzedTexts.AddCommentAsync(workspace, surveyId, "The car park was full.");
        var rescored = await rescorer.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, rescored);
        Assert.Equal(["Parking"], await RescoringTests.TopicsAsync(workspace, stale, LabelOrigin.Rule));
        Assert.Equal(0, await rescorer.RunOnceAsync(CancellationToken.None));
    }
}
