using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;
using Touchpoint.Tests.Surveys.Distribution;

namespace Touchpoint.Tests.Cases.Sla;

[Collection(SlaCollection.Name)]
public sealed class SlaTargetsTests(SlaFixture fixture)
{
    private static object Policies => new
    {
        policies = new object[]
        {
            new { priority = "urgent", firstResponseMinutes = 60, resolutionMinutes = 480 },
            new { priority = "normal", firstResponseMinutes = 480, resolutionMinutes = 2400, businessHours = SlaKit.OfficeHours() },
        },
    };

    [Theory, OnSqlite, OnPostgres]
    public async Task OpenedCase_GetsTheTargetsOfItsPriority_CountedInBusinessHours(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        (await client.PutAsJsonAsync("/api/v1/sla-policies", Policies)).EnsureSuccessStatusCode();

        // Friday 2026-11-20 16:00 Berlin: one business hour on Friday, the rest from Monday 09:00.
        var opened = await SlaKit.OpenAsync(workspace, FixedClock.At("2026-11-20T15:00:00Z"), CasePriority.Normal);

        var policyId = await workspace.QueryAsync(db => db.SlaPolicies.Where(p => p.Priority == CasePriority.Normal).Select(p => p.Id).SingleAsync());
        Assert.Equal(policyId, opened.SlaPolicyId);
        Assert.Equal(Utc("2026-11-23T15:00:00Z"), opened.FirstResponseDueAt);    // Monday 16:00 Berlin
        Assert.Equal(Utc("2026-11-27T15:00:00Z"), opened.ResolutionDueAt);       // 40 business hours: Friday 16:00 Berlin
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PriorityChange_RecomputesTheTargetsFromTheOpening(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        (await client.PutAsJsonAsync("/api/v1/sla-policies", Policies)).EnsureSuccessStatusCode();
        var opened = await SlaKit.OpenAsync(workspace, FixedClock.At("2026-11-20T15:00:00Z"), CasePriority.Normal);

        await workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            var found = await db.Cases.FirstAsync(c => c.Id == opened.Id);
            found.Priority = CasePriority.Urgent;
            await services.GetRequiredService<CaseSteps>().RunAsync(db, found, CaseMoment.PriorityChanged);
            await db.SaveChangesAsync();
        });

        var after = await workspace.QueryAsync(db => db.Cases.AsNoTracking().FirstAsync(c => c.Id == opened.Id));
        // Urgent counts every minute: one hour and eight hours after the opening.
        Assert.Equal(Utc("2026-11-20T16:00:00Z"), after.FirstResponseDueAt);
        Assert.Equal(Utc("2026-11-20T23:00:00Z"), after.ResolutionDueAt);
        Assert.NotEqual(opened.SlaPolicyId, after.SlaPolicyId);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PriorityWithoutPolicy_HasNoTargets(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        (await client.PutAsJsonAsync("/api/v1/sla-policies", Policies)).EnsureSuccessStatusCode();

        var opened = await SlaKit.OpenAsync(workspace, FixedClock.At("2026-11-20T15:00:00Z"), CasePriority.Low);

        Assert.Null(opened.SlaPolicyId);
        Assert.Null(opened.FirstResponseDueAt);
        Assert.Null(opened.ResolutionDueAt);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Reopened_GetsANewResolutionTargetFromNow_AndKeepsAMetFirstResponse(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        (await client.PutAsJsonAsync("/api/v1/sla-policies", Policies)).EnsureSuccessStatusCode();
        var opened = await SlaKit.OpenAsync(workspace, FixedClock.At("2026-11-20T10:00:00Z"), CasePriority.Urgent);
        var contacted = Utc("2026-11-20T10:30:00Z");

        await workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            var found = await db.Cases.FirstAsync(c => c.Id == opened.Id);
            found.FirstContactAt = contacted;
            found.Status = CaseStatus.InProgress;
            found.ReopenCount++;
            // The step reads "now" from the app's clock; the new target counts from it.
            await services.GetRequiredService<CaseSteps>().RunAsync(db, found, CaseMoment.Reopened);
            await db.SaveChangesAsync();
        });

        var after = await workspace.QueryAsync(db => db.Cases.AsNoTracking().FirstAsync(c => c.Id == opened.Id));
        Assert.Equal(opened.FirstResponseDueAt, after.FirstResponseDueAt);
        Assert.True(after.FirstContactAt < after.FirstResponseDueAt, "The first response was met.");
        Assert.True(after.ResolutionDueAt > DateTime.UtcNow.AddHours(7), "The resolution target counts eight hours from the reopening.");
    }

    private static DateTime Utc(string instant) => DateTime.SpecifyKind(DateTime.Parse(instant, System.Globalization.CultureInfo.InvariantCulture,
        System.Globalization.DateTimeStyles.AdjustToUniversal), DateTimeKind.Utc);
}
