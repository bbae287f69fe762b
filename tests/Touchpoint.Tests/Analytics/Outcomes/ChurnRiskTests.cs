using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Analytics.Outcomes;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Tracking;
using Touchpoint.Tests.Infrastructure;
using Touchpoint.Tests.Surveys.Distribution;

namespace Touchpoint.Tests.Analytics.Outcomes;

/// <summary>
/// A synthetic workspace where detractors churn. "Now" is 2026-06-01; the cut-off 90 days earlier, 2026-03-03.
/// 60 customers each viewed a page on 2026-02-20 and answered NPS on 2026-02-25: D0..D29 detractors (2),
/// P0..P29 promoters (10). After the cut-off D24..D29 and P0..P23 were active again (2026-04-15); D0..D23 and
/// P24..P29 were not: 30 churners, 24 of them detractors.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ChurnRiskTests(AppFixture fixture)
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory, OnSqlite, OnPostgres]
    public async Task Recompute_WhereDetractorsChurn_RanksThemRiskier_AndTheBacktestAucIsWellAboveChance(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var (detractors, promoters) = await SeedAsync(workspace);

        var fit = await RecomputeAsync(workspace);

        Assert.False(fit.PriorOnly);
        Assert.Equal(60, fit.TrainingCustomers);
        Assert.Equal(30, fit.TrainingChurned);
        // Every detractor shares one score and every promoter another (same recency, same signals), detractors higher:
        // of the 30 x 30 churner-stayer pairs, 24 x 24 detractor-promoter pairs rank right, 24 x 6 + 6 x 24 tie (half each),
        // 6 x 6 rank wrong: (576 + 144) / 900 = 0.8.
        Assert.Equal(0.8, fit.Auc!.Value, 9);
        Assert.False(fit.BacktestOutOfSample);
        var risks = await workspace.QueryAsync(db => db.CustomerChurnRisks.AsNoTracking().ToDictionaryAsync(r => r.CustomerId));
        Assert.Equal(60, risks.Count);
        Assert.True(risks[detractors[0]].Score > risks[promoters[0]].Score);
        var reasons = ChurnRiskService.ReadReasons(risks[detractors[0]].Reasons);
        Assert.Contains(reasons, r => r.Feature == ChurnFeatures.NpsDetractor && r.Label == "Latest NPS answer is a detractor (0-6)");
        Assert.All(reasons, r => Assert.True(r.Contribution > 0));
        Assert.DoesNotContain(ChurnRiskService.ReadReasons(risks[promoters[0]].Reasons), r => r.Feature == ChurnFeatures.NpsDetractor);
    }

    [Fact]
    public void Reasons_AreTheFeaturesAddingMostToTheLogOdds_BiggestFirst_AtMostThree()
    {
        // Weights in ChurnFeatures.Names order; x: 3 months quiet, no purchase, detractor, negative comment, open case.
        var model = new LogisticModel(-2, [0.25, 0.5, 0.8, -0.5, 0.5, 0.4, 0.4, 0.4, 0.3]);
        double[] x = [3, 1, 1, 0, 0, 0, 1, 0, 1];

        var reasons = ChurnRiskService.Reasons(model, x, 90);

        // Contributions: recency 0.75, no purchase 0.5, detractor 0.8, negative comment 0.4, open case 0.3.
        Assert.Equal([ChurnFeatures.NpsDetractor, ChurnFeatures.Recency, ChurnFeatures.NoRecentPurchase], reasons.Select(r => r.Feature));
        Assert.Equal("Last active 90 days ago", reasons[1].Label);
        Assert.Equal(0.8, reasons[0].Contribution, 9);
        // log-odds -2 + 0.75 + 0.5 + 0.8 + 0.4 + 0.3 = 0.75: p = 1 / (1 + e^-0.75) = 0.679.
        Assert.Equal(68, ChurnRiskService.Score(model, x));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ChurnRisk_ShowsOnTheProfile_TheCustomerApi_TheRiskList_AndTheCustomersFilter(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var (detractors, promoters) = await SeedAsync(workspace);
        await RecomputeAsync(workspace);
        var other = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        using var otherClient = other.Client();
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var customer = await client.GetJsonAsync($"/api/v1/customers/{detractors[0]}");
        var list = await client.GetJsonAsync("/api/v1/metrics/churn-risk?limit=5");
        var (_, profile) = await session.GetAsync($"/customers/{detractors[0]}");
        var (_, high) = await session.GetAsync("/customers?risk=high");
        var (_, riskiest) = await session.GetAsync("/customers?sort=risk");

        var risk = customer.GetProperty("churnRisk");
        Assert.InRange(risk.GetProperty("score").GetInt32(), 50, 100);
        Assert.True(risk.GetProperty("high").GetBoolean());
        Assert.Contains(risk.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("feature").GetString() == ChurnFeatures.NpsDetractor);
        var top = list.EnumerateArray().ToList();
        Assert.Equal(5, top.Count);
        Assert.All(top, r => Assert.Contains(r.GetProperty("customerId").GetGuid(), detractors));
        Assert.Contains("Latest NPS answer is a detractor (0-6)", PageSession.Text(profile), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"churn-score\"", profile, StringComparison.Ordinal);
        Assert.Contains($"/customers/{detractors[0]}", high, StringComparison.Ordinal);
        Assert.DoesNotContain($"/customers/{promoters[0]}", high, StringComparison.Ordinal);
        Assert.True(riskiest.IndexOf($"/customers/{detractors[1]}", StringComparison.Ordinal) < riskiest.IndexOf($"/customers/{promoters[1]}", StringComparison.Ordinal)
            || !riskiest.Contains($"/customers/{promoters[1]}", StringComparison.Ordinal));
        // Another workspace sees neither the customer nor its score.
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync($"/api/v1/customers/{detractors[0]}")).StatusCode);
        Assert.Empty((await otherClient.GetJsonAsync("/api/v1/metrics/churn-risk")).EnumerateArray());
        await Problem.AssertFieldAsync(await client.GetAsync("/api/v1/metrics/churn-risk?limit=0"), HttpStatusCode.BadRequest, "limit");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Recompute_IsRequestedByAnAnalyst_AndDoneByTheSweep_NotByTheRequest(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        await SeedAsync(workspace);
        using var client = workspace.Client();
        var readKey = await workspace.CreateKeyAsync(ApiKeyKind.Rest, ApiScopes.Read);
        using var reader = workspace.ClientWithKey(readKey.PlainKey);
        var manager = await workspace.AddMemberAsync(WorkspaceRole.Manager);
        using var managerSession = new PageSession(workspace.App);
        await managerSession.SignInAsync(manager.Email!, TestWorkspace.Password);
        var analyst = await workspace.AddMemberAsync(WorkspaceRole.Analyst);
        using var analystSession = new PageSession(workspace.App);
        await analystSession.SignInAsync(analyst.Email!, TestWorkspace.Password);

        await Problem.AssertAsync(await reader.PostAsync("/api/v1/metrics/churn-risk/recompute", null), HttpStatusCode.Forbidden);
        var (_, managerPage) = await managerSession.GetAsync("/insights/outcomes");
        Assert.DoesNotContain("data-testid=\"recompute\"", managerPage, StringComparison.Ordinal);
        var (posted, _) = await analystSession.SubmitAsync("/insights/outcomes", [], "/insights/outcomes?handler=Recompute");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var requested = await workspace.QueryAsync(db => db.OutcomeSettings.AsNoTracking().SingleAsync());
        Assert.NotNull(requested.RecomputeRequestedAt);
        Assert.Equal(0, await workspace.QueryAsync(db => db.CustomerChurnRisks.CountAsync()));

        var swept = await workspace.App.Services.GetRequiredService<ChurnRiskSweep>().SweepAsync();

        Assert.True(swept >= 1);
        Assert.Equal(60, await workspace.QueryAsync(db => db.CustomerChurnRisks.CountAsync()));
        var accepted = await client.PostAsync("/api/v1/metrics/churn-risk/recompute", null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var fit = await workspace.QueryAsync(db => db.ChurnModelFits.AsNoTracking().SingleAsync());
        Assert.True((await workspace.QueryAsync(db => db.OutcomeSettings.AsNoTracking().SingleAsync())).RecomputeRequestedAt >= fit.ComputedAt);
    }

    private static Task<ChurnModelFit> RecomputeAsync(TestWorkspace workspace) =>
        workspace.InWorkspaceAsync(services =>
            ActivatorUtilities.CreateInstance<ChurnRiskService>(services, (TimeProvider)new FixedClock(Now)).RecomputeAsync());

    private static Task<(List<Guid> Detractors, List<Guid> Promoters)> SeedAsync(TestWorkspace workspace) =>
        workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            static DateTime Day(int m, int d) => new(2026, m, d, 12, 0, 0, DateTimeKind.Utc);
            var survey = new Survey { Name = "NPS", Definition = "{}", Metric = SurveyMetric.Nps, LinkId = Guid.NewGuid().ToString("N"), CreatedAt = Day(1, 1) };
            var customers = Enumerable.Range(0, 60).Select(i => new Customer { Name = i < 30 ? $"D{i}" : $"P{i - 30}", CreatedAt = Day(1, 1), UpdatedAt = Day(1, 1) }).ToList();
            db.Add(survey);
            db.AddRange(customers);
            await db.SaveChangesAsync();
            for (var i = 0; i < 60; i++)
            {
                var detractor = i < 30;
                var index = detractor ? i : i - 30;
                var (id, n) = (customers[i].Id, i * 2);
                db.Events.Add(new TrackedEvent { CustomerId = id, MessageId = $"e-{n}", Type = EventType.Page, Name = "Home", OccurredAt = Day(2, 20), ReceivedAt = Day(2, 20) });
                db.Responses.Add(new Response
                {
                    SurveyId = survey.Id,
                    Metric = SurveyMetric.Nps,
                    CustomerId = id,
                    Score = detractor ? 2 : 10,
                    StartedAt = Day(2, 25),
                    SubmittedAt = Day(2, 25),
                });
                if (detractor ? index >= 24 : index < 24)
                {
                    db.Events.Add(new TrackedEvent { CustomerId = id, MessageId = $"e-{n + 1}", Type = EventType.Page, Name = "Home", OccurredAt = Day(4, 15), ReceivedAt = Day(4, 15) });
                }
            }

            await db.SaveChangesAsync();
            return (customers.Take(30).Select(c => c.Id).ToList(), customers.Skip(30).Select(c => c.Id).ToList());
        });
}
