using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Cases;

[Collection(AppCollection.Name)]
public sealed class CaseOpenerTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Cases_AreNumberedPerWorkspace_WithTheirFirstHistoryLine(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var first = await TestWorkspace.CreateAsync(app);
        var second = await TestWorkspace.CreateAsync(app);

        var a = await OpenAsync(first, "Late delivery");
        var b = await OpenAsync(first, "Refund not received");
        var c = await OpenAsync(second, "Rude answer");

        Assert.Equal([1, 2], [a.Number, b.Number]);
        Assert.Equal(1, c.Number);
        Assert.NotEqual(a.ReplyToken, b.ReplyToken);
        var history = await first.QueryAsync(db => db.CaseActivities.Where(x => x.CaseId == a.Id).ToListAsync());
        var created = Assert.Single(history);
        Assert.Equal(CaseActivityKind.Created, created.Kind);
        // Another workspace sees none of the first one's cases.
        Assert.Equal([c.Id], await second.QueryAsync(db => db.Cases.Select(x => x.Id).ToListAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task CasesOpenedAtOnce_AllGetDistinctNumbers(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));

        var opened = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => OpenAsync(workspace, $"Case {i}")));

        Assert.Equal(Enumerable.Range(1, 8), opened.Select(c => c.Number).Order());
    }

    private static Task<Case> OpenAsync(TestWorkspace workspace, string title) =>
        workspace.InWorkspaceAsync(services =>
            services.GetRequiredService<CaseOpener>().OpenAsync(new CaseOpener.Request(title, CaseSource.Manual)));
}
