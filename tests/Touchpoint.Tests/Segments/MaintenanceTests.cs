using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Segments;

/// <summary>The maintainer keeps members, personas and lifecycle stages current as customers change.</summary>
[Collection(AppCollection.Name)]
public sealed class MaintenanceTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task ChangedTraitsAndNewEvents_AfterNotice_UpdateMembershipAndCount(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var ana = await workspace.AddCustomerAsync("ana", """{"plan":"free"}""");
        var bo = await workspace.AddCustomerAsync("bo", """{"plan":"pro"}""");
        var pro = (await client.CreateSegmentAsync(new { type = "trait", key = "plan", op = "eq", value = "pro" })).GetGuid("id");
        var buyers = (await client.CreateSegmentAsync(new { type = "event", name = "Order Completed", op = "gte", count = 1, withinDays = 7 })).GetGuid("id");
        Assert.Equal(["bo"], await client.MemberExternalIdsAsync(pro));
        Assert.Empty(await client.MemberExternalIdsAsync(buyers));

        await workspace.SetTraitsAsync(ana, """{"plan":"pro"}""");
        await workspace.SetTraitsAsync(bo, """{"plan":"free"}""");
        await workspace.AddEventAsync(ana, "Order Completed", DateTime.UtcNow);
        workspace.NotifyChanged(ana);
        workspace.NotifyChanged(bo);

        await Eventually.HoldsAsync(async () => (await client.MemberExternalIdsAsync(pro)).SequenceEqual(["ana"]), "ana to replace bo among pro customers");
        await Eventually.HoldsAsync(async () => (await client.MemberExternalIdsAsync(buyers)).SequenceEqual(["ana"]), "ana to join the buyers");
        var segment = await client.GetJsonAsync($"/api/v1/segments/{pro}");
        Assert.Equal(1, segment.GetProperty("memberCount").GetInt32());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Personas_FirstByPriorityWins_AndFollowTraitChanges(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var ana = await workspace.AddCustomerAsync("ana", """{"plan":"pro","age":40}""");
        var bo = await workspace.AddCustomerAsync("bo", """{"plan":"free","age":40}""");
        var grownUps = await client.PostJsonAsync("/api/v1/personas",
            new { name = "Grown-ups", priority = 20, rule = new { type = "trait", key = "age", op = "gte", value = 30 } }, HttpStatusCode.Created);
        var power = await client.PostJsonAsync("/api/v1/personas",
            new { name = "Power users", priority = 10, rule = new { type = "trait", key = "plan", op = "eq", value = "pro" } }, HttpStatusCode.Created);

        Assert.Equal(power.GetGuid("id"), await PersonaOfAsync(workspace, ana));
        Assert.Equal(grownUps.GetGuid("id"), await PersonaOfAsync(workspace, bo));

        await workspace.SetTraitsAsync(ana, """{"plan":"free","age":20}""");
        workspace.NotifyChanged(ana);
        await Eventually.HoldsAsync(async () => await PersonaOfAsync(workspace, ana) is null, "ana to lose her persona");

        using var deleted = await client.DeleteAsync($"/api/v1/personas/{grownUps.GetGuid("id")}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(await PersonaOfAsync(workspace, bo));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task LifecycleRules_FurthestStageWins_ManualStageStays_NoMatchKeepsStage(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var ana = await workspace.AddCustomerAsync("ana", """{"orders":5,"promoter":true}""");
        var bo = await workspace.AddCustomerAsync("bo", """{"orders":1}""");
        var cy = await workspace.AddCustomerAsync("cy", """{"orders":9,"promoter":true}""", c =>
        {
            c.LifecycleStage = LifecycleStage.Discovery;
            c.LifecycleSetManually = true;
        });
        var di = await workspace.AddCustomerAsync("di", "{}", c => c.LifecycleStage = LifecycleStage.Awareness);

        using var purchase = await client.PutAsJsonAsync("/api/v1/lifecycle-rules/purchase",
            new { rule = new { type = "trait", key = "orders", op = "gte", value = 1 } });
        Assert.Equal(HttpStatusCode.OK, purchase.StatusCode);
        using var advocacy = await client.PutAsJsonAsync("/api/v1/lifecycle-rules/advocacy",
            new { rule = new { type = "trait", key = "promoter", op = "eq", value = true } });
        Assert.Equal(HttpStatusCode.OK, advocacy.StatusCode);

        Assert.Equal(LifecycleStage.Advocacy, await StageOfAsync(workspace, ana));
        Assert.Equal(LifecycleStage.Purchase, await StageOfAsync(workspace, bo));
        Assert.Equal(LifecycleStage.Discovery, await StageOfAsync(workspace, cy));
        Assert.Equal(LifecycleStage.Awareness, await StageOfAsync(workspace, di));
        var rules = await client.GetJsonAsync("/api/v1/lifecycle-rules");
        Assert.Equal(["purchase", "advocacy"], rules.GetProperty("items").EnumerateArray().Select(r => r.GetString("stage")));

        await workspace.SetTraitsAsync(bo, """{"orders":2,"promoter":true}""");
        workspace.NotifyChanged(bo);
        await Eventually.HoldsAsync(async () => await StageOfAsync(workspace, bo) == LifecycleStage.Advocacy, "bo to reach advocacy");
    }

    private static Task<Guid?> PersonaOfAsync(TestWorkspace workspace, Guid customer) =>
        workspace.QueryAsync(db => db.Customers.Where(c => c.Id == customer).Select(c => c.PersonaId).FirstAsync());

    private static Task<LifecycleStage?> StageOfAsync(TestWorkspace workspace, Guid customer) =>
        workspace.QueryAsync(db => db.Customers.Where(c => c.Id == customer).Select(c => c.LifecycleStage).FirstAsync());
}
