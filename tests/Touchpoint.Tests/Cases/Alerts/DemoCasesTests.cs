using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Cases.Alerts;
using Touchpoint.Core.Data;
using Touchpoint.Core.Demo;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Cases.Alerts;

/// <summary>The demo workspace shows rules at work: its two rules, and cases for the last week's detractors.</summary>
[Collection(AppCollection.Name)]
public sealed class DemoCasesTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task SeedDemo_GivesTheRules_AndOneOpenCasePerRecentDetractorCustomer(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        await using var scope = app.Services.CreateAsyncScope();
        var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>()
            .SeedAsync(new DemoOptions { Customers = 40, Days = 30, AdminEmail = $"demo-{Guid.NewGuid():N}@example.test" });
        await using var inWorkspace = app.Services.CreateAsyncScope();
        inWorkspace.ServiceProvider.GetRequiredService<WorkspaceScope>().Enter(seeded.Workspace.Id);
        var db = inWorkspace.ServiceProvider.GetRequiredService<TouchpointDbContext>();

        var rules = await db.AlertRules.OrderBy(r => r.Name).ToListAsync();
        Assert.Equal(["Churn risk", "Detractor follow-up"], rules.Select(r => r.Name));
        Assert.Equal([CaseAssignment.RoundRobin, CaseAssignment.HandlingAgent], rules.Select(r => r.Assignment));
        var detractorRule = rules[1].Id;
        var cases = await db.Cases.Where(c => c.AlertRuleId == detractorRule).ToListAsync();
        Assert.NotEmpty(cases);
        Assert.All(cases, c => Assert.StartsWith("Detractor: NPS ", c.Title, StringComparison.Ordinal));
        // De-duplicated: one open case per customer and rule, the further detractor answers added to it.
        Assert.Equal(cases.Count, cases.Select(c => c.CustomerId).Distinct().Count());
        var since = DateTime.UtcNow.AddDays(-DemoCases.Days - 1);
        var detractors = await db.Responses.CountAsync(r => r.Metric == Core.Surveys.SurveyMetric.Nps && r.Score <= 6 && r.SubmittedAt >= since);
        Assert.InRange(await db.AlertFirings.CountAsync(f => f.AlertRuleId == detractorRule), cases.Count, detractors);
    }
}
