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

    [Theory, OnSqlite, OnPostgres]
    public async Task OpenConversationWaitingTooLong_FiresOnTheNextPass_AndOnlyOnce(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        using var api = workspace.Client();
        var rule = await api.CreateRuleAsync("Waiting too long", "conversation", [new { kind = "wait", minutes = 30 }], assignment: "unassigned");
        var (waiting, answered) = await workspace.QueryAsync(async db =>
        {
            var inbox = new Core.Conversations.Inbox { Name = "Chat", WidgetKey = Guid.NewGuid().ToString("N"), IdentitySecret = "s", CreatedAt = DateTime.UtcNow };
            db.Inboxes.Add(inbox);
            Core.Conversations.Conversation Make(string name, DateTime? firstResponse) => new()
            {
                InboxId = inbox.Id,
                ReplyToken = Guid.NewGuid().ToString("N")[..20],
                ContactName = name,
                // Opened after the rule, as a conversation must be for the rule to look at it.
                CreatedAt = DateTime.UtcNow.AddSeconds(1),
                LastMessageAt = DateTime.UtcNow,
                FirstResponseAt = firstResponse,
                FirstResponseSeconds = firstResponse is null ? null : 60,
            };
            var a = Make("Waiting Wendy", null);
            var b = Make("Answered Andy", DateTime.UtcNow);
            db.Conversations.AddRange(a, b);
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });
        var worker = app.Services.GetRequiredService<AlertWorker>();
        await worker.RunOnceAsync();
        Assert.Empty(await workspace.CasesOfAsync(rule));

        // Forty minutes later nobody has replied to Wendy; Andy had his answer within a minute.
        await workspace.QueryAsync(db => db.Conversations.Where(c => c.Id == waiting || c.Id == answered)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CreatedAt, DateTime.UtcNow.AddMinutes(-40))));
        await workspace.QueryAsync(db => db.AlertRules.Where(r => r.Id == rule)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.UpdatedAt, DateTime.UtcNow.AddHours(-1))));
        await worker.RunOnceAsync();
        await worker.RunOnceAsync();

        var opened = Assert.Single(await workspace.CasesOfAsync(rule));
        Assert.Equal(waiting, opened.ConversationId);
        Assert.StartsWith("Waiting too long: conversation waited 40 min for a reply with Waiting Wendy", opened.Title, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SegmentCondition_ReadsTheResponsesSnapshot_OrTheCurrentMembership(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        using var api = workspace.Client();
        var ana = await api.CreateCustomerAsync("Ana Silva");
        var bo = await api.CreateCustomerAsync("Bo Chen");
        var vip = await workspace.QueryAsync(async db =>
        {
            var segment = new Core.Segments.Segment { Name = "VIP", Kind = Core.Segments.SegmentKind.Static, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Segments.Add(segment);
            db.SegmentMembers.Add(new Core.Segments.SegmentMember { SegmentId = segment.Id, CustomerId = ana, AddedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return segment.Id;
        });
        var snapshot = await api.CreateRuleAsync("VIP when answering", "response",
            [AlertData.Detractor[0], new { kind = "segment", value = vip }]);
        var current = await api.CreateRuleAsync("VIP now", "response",
            [AlertData.Detractor[0], new { kind = "segment", value = vip, at = "current" }]);
        var survey = (await api.CreateSurveyAsync()).GetGuid("id");
        await api.PostJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 2, customerId = ana }, HttpStatusCode.Created);
        await api.PostJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 2, customerId = bo }, HttpStatusCode.Created);
        // Ana leaves the segment and Bo joins it after answering.
        await workspace.QueryAsync(async db =>
        {
            await db.SegmentMembers.Where(m => m.CustomerId == ana).ExecuteDeleteAsync();
            db.SegmentMembers.Add(new Core.Segments.SegmentMember { SegmentId = vip, CustomerId = bo, AddedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });

        await app.Services.GetRequiredService<AlertWorker>().RunOnceAsync();

        Assert.Equal([ana], (await workspace.CasesOfAsync(snapshot)).Select(c => c.CustomerId));
        Assert.Equal([bo], (await workspace.CasesOfAsync(current)).Select(c => c.CustomerId));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task RuleTurnedBackOn_FiresOnWhatComesAfter_NotOnTheBacklogOfWhileItWasOff(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        using var api = workspace.Client();
        var rule = await api.CreateRuleAsync("Detractor follow-up", "response", AlertData.Detractor);
        var survey = (await api.CreateSurveyAsync()).GetGuid("id");
        var actor = "test";
        await workspace.InWorkspaceAsync(s => s.GetRequiredService<AlertRuleService>().SetEnabledAsync(rule, false, actor));
        await api.PostJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 1, comment = "While off" }, HttpStatusCode.Created);
        var worker = app.Services.GetRequiredService<AlertWorker>();
        await worker.RunOnceAsync();

        await workspace.InWorkspaceAsync(s => s.GetRequiredService<AlertRuleService>().SetEnabledAsync(rule, true, actor));
        await api.PostJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 2, comment = "Back on" }, HttpStatusCode.Created);
        await worker.RunOnceAsync();

        var opened = Assert.Single(await workspace.CasesOfAsync(rule));
        Assert.Equal("Back on", opened.Description);
    }
}
