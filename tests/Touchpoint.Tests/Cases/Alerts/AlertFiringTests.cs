using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Data;
using Touchpoint.Core.Tracking;
using Touchpoint.Tests.Conversations.AfterChat;
using Touchpoint.Tests.Infrastructure;
using Touchpoint.Tests.Tracking;

namespace Touchpoint.Tests.Cases.Alerts;

/// <summary>Rules fire through the real ingest paths, after commit, once per item, and at most one open case per customer and rule.</summary>
[Collection(AppCollection.Name)]
public sealed class AlertFiringTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task RestSubmit_Detractor_OpensOneCaseLinkedToTheResponseAndCustomer(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var rule = await api.CreateRuleAsync("Detractor follow-up", "response", AlertData.Detractor, priority: "high");
        var survey = (await api.CreateSurveyAsync()).GetGuid("id");
        var customer = await api.CreateCustomerAsync("Ana Silva");

        // A promoter first: the worker reads in order, so once the detractor's case exists the promoter was passed over.
        await api.PostJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 9, customerId = customer }, HttpStatusCode.Created);
        var detractor = await api.PostJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 3, comment = "Late again", customerId = customer },
            HttpStatusCode.Created);

        var opened = Assert.Single(await workspace.WaitForCasesAsync(rule));
        Assert.Equal("Detractor: NPS 3 from Ana Silva", opened.Title);
        Assert.Equal(CaseSource.Rule, opened.Source);
        Assert.Equal(CasePriority.High, opened.Priority);
        Assert.Equal(detractor.GetInt64("id"), opened.ResponseId);
        Assert.Equal(customer, opened.CustomerId);
        Assert.Equal("Late again", opened.Description);
        var history = await workspace.HistoryAsync(opened.Id);
        Assert.Equal([CaseActivityKind.Created, CaseActivityKind.Assigned], history.Select(h => h.Kind));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SurveyPage_AnonymousDetractors_EachOpenTheirOwnCase(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var rule = await api.CreateRuleAsync("Detractor follow-up", "response", AlertData.Detractor);
        var url = new Uri((await api.CreateSurveyAsync()).GetString("publicUrl")!).AbsolutePath;

        foreach (var score in new[] { "2", "5" })
        {
            using var visitor = new PageSession(workspace.App);
            var (posted, _) = await visitor.PostAsync(url, PageSession.Form(("Score", score), ("Comment", "Nobody answered")));
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        }

        var cases = await workspace.WaitForCasesAsync(rule, 2);
        Assert.Equal(["Detractor: NPS 2 from an anonymous customer", "Detractor: NPS 5 from an anonymous customer"], cases.Select(c => c.Title));
        Assert.All(cases, c => Assert.Null(c.CustomerId));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SecondDetractorOfTheSameCustomer_IsAddedToTheOpenCase_AndAfterResolutionANewCaseOpens(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var rule = await api.CreateRuleAsync("Detractor follow-up", "response", AlertData.Detractor);
        var survey = (await api.CreateSurveyAsync()).GetGuid("id");
        var customer = await api.CreateCustomerAsync("Ana Silva");

        await api.PostJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 2, customerId = customer }, HttpStatusCode.Created);
        var first = Assert.Single(await workspace.WaitForCasesAsync(rule));
        var second = await api.PostJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 4, customerId = customer }, HttpStatusCode.Created);
        await workspace.WaitForFiringsAsync(rule, 2);

        Assert.Single(await workspace.CasesOfAsync(rule));
        var added = Assert.Single(await workspace.HistoryAsync(first.Id), a => a.Kind == CaseActivityKind.FeedbackAdded);
        Assert.Contains("NPS 4", added.Body, StringComparison.Ordinal);
        Assert.Contains($"/responses/{second.GetInt64("id")}", added.Data, StringComparison.Ordinal);

        await workspace.QueryAsync(db => db.Cases.Where(c => c.Id == first.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CaseStatus.Resolved)));
        await api.PostJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 1, customerId = customer }, HttpStatusCode.Created);

        var cases = await workspace.WaitForCasesAsync(rule, 2);
        Assert.Equal("Detractor: NPS 1 from Ana Silva", cases[1].Title);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ChurnInTheComment_OpensAnUrgentCase_OnlyForTheCommentThatSaysIt(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var rule = await api.CreateRuleAsync("Churn risk", "response", [new { kind = "signal", value = "churn" }], priority: "urgent");
        var survey = (await api.CreateSurveyAsync()).GetGuid("id");

        await api.PostJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 8, comment = "Friendly staff, quick delivery." },
            HttpStatusCode.Created);
        var leaving = await api.PostJsonAsync($"/api/v1/surveys/{survey}/responses",
            new { score = 8, comment = "I am going to cancel my account and switch to another provider." }, HttpStatusCode.Created);

        var opened = Assert.Single(await workspace.WaitForCasesAsync(rule));
        Assert.Equal(leaving.GetInt64("id"), opened.ResponseId);
        Assert.Equal(CasePriority.Urgent, opened.Priority);
        Assert.StartsWith("Churn risk: NPS 8 from", opened.Title, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Track_EventWithAPropertyAboveTheLimit_OpensACase(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var rule = await api.CreateRuleAsync("Big refund", "event",
            [new { kind = "event", value = "Order Refunded" }, new { kind = "property", path = "properties.amount", op = ">", value = "100" }]);
        using var tracking = workspace.TrackingClientFor(await workspace.CreateWriteKeyAsync(TrackingSource.Web));

        await tracking.PostJsonAsync("/v1/track", new { userId = "small", @event = "Order Refunded", properties = new { amount = 40 } }, HttpStatusCode.OK);
        await tracking.PostJsonAsync("/v1/track", new { userId = "other", @event = "Order Placed", properties = new { amount = 400 } }, HttpStatusCode.OK);
        await tracking.PostJsonAsync("/v1/track", new { userId = "big", @event = "Order Refunded", properties = new { amount = 250.5 } }, HttpStatusCode.OK);

        var opened = Assert.Single(await workspace.WaitForCasesAsync(rule));
        var big = await workspace.QueryAsync(db => db.Events.Where(e => e.Name == "Order Refunded").OrderByDescending(e => e.Id).FirstAsync());
        Assert.Equal(big.Id, opened.EventId);
        Assert.Equal(big.CustomerId, opened.CustomerId);
        Assert.StartsWith("Big refund: Order Refunded by", opened.Title, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ConversationRatedLow_OpensACaseForItsAgent(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var rule = await api.CreateRuleAsync("Unhappy chat", "conversation", [new { kind = "csat", max = 2 }], assignment: "handlingAgent");
        var chat = await ChatData.CreateAsync(workspace);
        var agent = await chat.AnsweredAndResolvedAsync();
        await workspace.QueryAsync(db => db.Conversations.Where(c => c.Id == chat.ConversationId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.AssigneeId, agent.Id)));
        using var visitor = chat.Visitor();

        using var rated = await visitor.PostAsJsonAsync($"{chat.Widget}/csat", new { score = 1, comment = "Useless" });

        await rated.ExpectAsync(HttpStatusCode.NoContent);
        var opened = Assert.Single(await workspace.WaitForCasesAsync(rule));
        Assert.Equal(chat.ConversationId, opened.ConversationId);
        Assert.Equal(agent.Id, opened.OwnerId);
        Assert.Equal("Unhappy chat: conversation rated 1/5 with Ana <b>Silva</b>", opened.Title);
        var assigned = Assert.Single(await workspace.HistoryAsync(opened.Id), a => a.Kind == CaseActivityKind.Assigned);
        Assert.Contains("handled the customer's conversation", assigned.Body, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task DisabledRule_OrRuleOfAnotherWorkspace_OpensNothingHere(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        var other = await TestWorkspace.CreateAsync(app);
        using var api = workspace.Client();
        using var otherApi = other.Client();
        var disabled = await api.CreateRuleAsync("Off", "response", AlertData.Detractor);
        await api.PutAsJsonAsync($"/api/v1/alert-rules/{disabled}",
            new { name = "Off", enabled = false, trigger = "response", conditions = AlertData.Detractor });
        var elsewhere = await otherApi.CreateRuleAsync("Elsewhere", "response", AlertData.Detractor);
        var marker = await api.CreateRuleAsync("Marker", "response", [new { kind = "score", metric = "nps", max = 1 }]);
        var survey = (await api.CreateSurveyAsync()).GetGuid("id");

        await api.PostJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 0 }, HttpStatusCode.Created);

        Assert.Single(await workspace.WaitForCasesAsync(marker));
        Assert.Empty(await workspace.CasesOfAsync(disabled));
        Assert.Empty(await other.CasesOfAsync(elsewhere));
        Assert.Empty(await other.QueryAsync(db => db.Cases.ToListAsync()));
    }
}
