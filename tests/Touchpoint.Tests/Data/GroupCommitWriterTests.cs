using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Surveys;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Data;

/// <summary>Answers are written by one group-commit writer: acknowledged only when committed, never lost.</summary>
[Collection(AppCollection.Name)]
public sealed class GroupCommitWriterTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task SubmitResponses_ManyAtOnce_EveryAcknowledgedAnswerIsStoredOnce(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");

        var ids = await Task.WhenAll(Enumerable.Range(0, 120).Select(async i => (await client.SubmitAsync(survey, i % 11)).GetInt64("id")));

        Assert.Equal(120, ids.Distinct().Count());
        var stored = await workspace.QueryAsync(db => db.Responses.Where(r => r.SurveyId == survey).Select(r => r.Id).ToListAsync());
        Assert.Equal(ids.Order(), stored.Order());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task WriteAsync_OneBadRowInABatch_OthersAreCommittedAndOnlyTheBadOneFails(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        var survey = await CreateSurveyAsync(workspace);
        var writer = new GroupCommitWriter(app.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger<GroupCommitWriter>.Instance);

        // Queued before the writer starts, so all of them land in its first batch.
        var good = Enumerable.Range(0, 20).Select(_ => writer.WriteAsync(Answer(workspace, survey))).ToList();
        var bad = writer.WriteAsync(Answer(workspace, Guid.NewGuid()));
        await writer.StartAsync(CancellationToken.None);

        await Task.WhenAll(good);
        await Assert.ThrowsAsync<DbUpdateException>(() => bad);
        Assert.Equal(20, await workspace.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == survey)));
        await writer.StopAsync(CancellationToken.None);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task RunAsync_WorkQueuedBetweenRows_RunsAfterTheRowsBeforeItAndItsFailureIsTheCallersAlone(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        var survey = await CreateSurveyAsync(workspace);
        var writer = new GroupCommitWriter(app.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger<GroupCommitWriter>.Instance);

        // Queued before the writer starts: rows, work that counts what is stored, failing work, more rows.
        var before = Enumerable.Range(0, 10).Select(_ => writer.WriteAsync(Answer(workspace, survey))).ToList();
        var seen = -1;
        var counted = writer.RunAsync(async db => seen = await db.Responses.IgnoreQueryFilters().CountAsync(r => r.SurveyId == survey));
        var failing = writer.RunAsync(_ => throw new InvalidOperationException("work failed"));
        var after = Enumerable.Range(0, 10).Select(_ => writer.WriteAsync(Answer(workspace, survey))).ToList();
        await writer.StartAsync(CancellationToken.None);

        await Task.WhenAll(before.Concat(after).Append(counted));
        Assert.Equal(10, seen);
        Assert.Equal("work failed", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
        Assert.Equal(20, await workspace.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == survey)));
        await writer.StopAsync(CancellationToken.None);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task StopAsync_WithAnswersQueued_WritesThemAllBeforeStopping(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        var survey = await CreateSurveyAsync(workspace);
        var writer = new GroupCommitWriter(app.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger<GroupCommitWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);

        var queued = Enumerable.Range(0, 300).Select(_ => writer.WriteAsync(Answer(workspace, survey))).ToList();
        await writer.StopAsync(CancellationToken.None);

        await Task.WhenAll(queued);
        Assert.Equal(300, await workspace.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == survey)));
    }

    [Fact]
    public async Task WriteAsync_RowWithoutWorkspace_IsRefusedBeforeQueueing()
    {
        var writer = new GroupCommitWriter(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
            NullLogger<GroupCommitWriter>.Instance);

        await Assert.ThrowsAsync<ArgumentException>(() => writer.WriteAsync(new Response { Score = 9 }));
    }

    private static Response Answer(TestWorkspace workspace, Guid survey) => new()
    {
        WorkspaceId = workspace.Id,
        SurveyId = survey,
        Metric = SurveyMetric.Nps,
        Score = 9,
        SubmittedAt = DateTime.UtcNow,
    };

    private static Task<Guid> CreateSurveyAsync(TestWorkspace workspace) =>
        workspace.InWorkspaceAsync(async services =>
        {
            var survey = await services.GetRequiredService<SurveyService>()
                .CreateAsync(new SurveyService.NewSurvey("Writer test", SurveyMetric.Nps, null, null, null), "Acme", "system");
            return survey.Id;
        });
}
