using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Cases.Alerts;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Cases.Alerts;

/// <summary>
/// The worker as a process that stops and starts: its own app, whose worker does not run by itself,
/// so the tests decide when a pass happens (nothing else fires in between).
/// </summary>
public sealed class AlertWorkerTests(AlertWorkerTests.Fixture fixture) : IClassFixture<AlertWorkerTests.Fixture>
{
    public sealed class Fixture : AppFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings(DatabaseProvider provider) => new Dictionary<string, string?>
        {
            ["Touchpoint:Cases:Alerts:RunWorker"] = "false",
            ["Touchpoint:Cases:Alerts:SettleSeconds"] = "0",
        };
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task WorkCommittedWhileStopped_FiresWhenTheWorkerStarts_AndNeverTwice(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        using var api = workspace.Client();
        var rule = await api.CreateRuleAsync("Detractor follow-up", "response", AlertData.Detractor);
        var survey = (await api.CreateSurveyAsync()).GetGuid("id");
        var ana = await api.CreateCustomerAsync("Ana Silva");
        var bo = await api.CreateCustomerAsync("Bo Chen");
        await api.PostJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 3, customerId = ana }, HttpStatusCode.Created);
        await api.PostJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 5, customerId = bo }, HttpStatusCode.Created);
        Assert.Empty(await workspace.CasesOfAsync(rule));

        var worker = app.Services.GetRequiredService<AlertWorker>();
        await worker.RunOnceAsync();
        await worker.RunOnceAsync();
        // As if the process had stopped after firing but before moving its cursor: the items are read again.
        await workspace.QueryAsync(db => db.AlertCursors.ExecuteUpdateAsync(s => s.SetProperty(c => c.At, DateTime.UnixEpoch).SetProperty(c => c.LastId, 0)));
        await worker.RunOnceAsync();

        var cases = await workspace.CasesOfAsync(rule);
        Assert.Equal(["Detractor: NPS 3 from Ana Silva", "Detractor: NPS 5 from Bo Chen"], cases.Select(c => c.Title).Order());
        Assert.Equal(2, await workspace.QueryAsync(db => db.AlertFirings.CountAsync(f => f.AlertRuleId == rule)));
    }

    [Theory, OnPostgres]
    public async Task TwoWorkersAtOnce_OnPostgres_FireEachMatchOnce(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        using var api = workspace.Client();
        var rule = await api.CreateRuleAsync("Detractor follow-up", "response", AlertData.Detractor);
        var survey = (await api.CreateSurveyAsync()).GetGuid("id");
        for (var i = 0; i < 6; i++)
        {
            await api.PostJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = i }, HttpStatusCode.Created);
        }

        var first = app.Services.GetRequiredService<AlertWorker>();
        var second = ActivatorUtilities.CreateInstance<AlertWorker>(app.Services);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => (i % 2 == 0 ? first : second).RunOnceAsync()));
        await first.RunOnceAsync();

        var cases = await workspace.CasesOfAsync(rule);
        Assert.Equal(6, cases.Count);
        Assert.Equal(6, cases.Select(c => c.ResponseId).Distinct().Count());
    }
}
