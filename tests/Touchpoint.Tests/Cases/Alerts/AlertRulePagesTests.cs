using System.Net;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Cases.Alerts;

/// <summary>Settings › Alert rules without JavaScript: create with a preset, preview, turn off, and names shown encoded.</summary>
[Collection(AppCollection.Name)]
public sealed class AlertRulePagesTests(AppFixture fixture)
{
    private static async Task<PageSession> SignedInAsync(TestWorkspace workspace, WorkspaceRole role)
    {
        var member = await workspace.AddMemberAsync(role);
        var session = new PageSession(workspace.App);
        await session.SignInAsync(member.Email!, TestWorkspace.Password);
        return session;
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Manager_CreatesARuleWithThePreset_PreviewsIt_AndSeesItListedEncoded(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var survey = (await api.CreateSurveyAsync()).GetGuid("id");
        await api.SubmitAsync(survey, 3);
        await api.SubmitAsync(survey, 9);
        using var manager = await SignedInAsync(workspace, WorkspaceRole.Manager);
        const string Name = "<script>alert('x')</script> detractors";

        var (previewed, previewHtml) = await manager.SubmitAsync("/settings/alert-rules/new", PageSession.Form(
            ("Form.Name", Name), ("Form.Enabled", "true"), ("Form.Trigger", "Response"), ("Form.Preset", "npsDetractor"),
            ("Form.Priority", "High"), ("Form.Assignment", "Unassigned")), "/settings/alert-rules/new?handler=Preview");
        var (saved, _) = await manager.SubmitAsync("/settings/alert-rules/new", PageSession.Form(
            ("Form.Name", Name), ("Form.Enabled", "true"), ("Form.Trigger", "Response"), ("Form.Preset", "npsDetractor"),
            ("Form.Priority", "High"), ("Form.Assignment", "Unassigned")), "/settings/alert-rules/new?handler=Save");
        var (_, list) = await manager.GetAsync("/settings/alert-rules");

        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        Assert.Contains("would have matched <strong>1</strong> of 2 responses", previewHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.DoesNotContain("<script>alert", list, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; detractors", list, StringComparison.Ordinal);
        Assert.Contains("NPS 0-6", list, StringComparison.Ordinal);
        var rule = await workspace.QueryAsync(db => db.AlertRules.SingleAsync());
        Assert.Equal((Name, CasePriority.High, CaseAssignment.Unassigned), (rule.Name, rule.Priority, rule.Assignment));
        Assert.Contains("alert-rule.created", await workspace.QueryAsync(db => db.AuditEntries.Select(a => a.Action).ToListAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Form_BadValue_IsShownNextToItsField_AndAnAgentCannotOpenTheSettings(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var manager = await SignedInAsync(workspace, WorkspaceRole.Manager);
        using var agent = await SignedInAsync(workspace, WorkspaceRole.Agent);

        var (invalid, html) = await manager.SubmitAsync("/settings/alert-rules/new", PageSession.Form(
            ("Form.Name", "Late replies"), ("Form.Trigger", "Conversation"), ("Form.WaitMinutes", "0"),
            ("Form.Priority", "Normal"), ("Form.Assignment", "RoundRobin")), "/settings/alert-rules/new?handler=Save");
        var (forbidden, _) = await agent.GetAsync("/settings/alert-rules");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("Write a number of minutes above 0.", html, StringComparison.Ordinal);
        Assert.Contains("Choose the team whose queue", html, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, forbidden.StatusCode);
        Assert.Empty(await workspace.QueryAsync(db => db.AlertRules.ToListAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task List_TurnOffAndDelete_ChangeTheRuleAndAreAudited(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var id = await api.CreateRuleAsync("Detractors", "response", AlertData.Detractor);
        using var manager = await SignedInAsync(workspace, WorkspaceRole.Manager);

        var (off, _) = await manager.SubmitAsync("/settings/alert-rules", PageSession.Form(("RuleId", id.ToString())), "/settings/alert-rules?handler=Disable");
        var enabled = await workspace.QueryAsync(db => db.AlertRules.Where(r => r.Id == id).Select(r => r.Enabled).SingleAsync());
        var (deleted, _) = await manager.SubmitAsync("/settings/alert-rules", PageSession.Form(("RuleId", id.ToString())), "/settings/alert-rules?handler=Delete");

        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(enabled);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Empty(await workspace.QueryAsync(db => db.AlertRules.ToListAsync()));
        var actions = await workspace.QueryAsync(db => db.AuditEntries.Where(a => a.Target == $"alert-rule:{id}").Select(a => a.Action).ToListAsync());
        Assert.Equal(["alert-rule.created", "alert-rule.deleted", "alert-rule.disabled"], actions.Order());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Edit_ShowsTheRulesConditions_SavesAChange_AndAnotherWorkspacesRuleIsNotFound(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        var other = await TestWorkspace.CreateAsync(app);
        using var api = workspace.Client();
        using var otherApi = other.Client();
        var id = await api.CreateRuleAsync("Refunds", "event",
            [new { kind = "event", value = "Order Refunded" }, new { kind = "property", path = "amount", op = ">", value = "100" }], priority: "urgent");
        var theirs = await otherApi.CreateRuleAsync("Theirs", "response", AlertData.Detractor);
        using var manager = await SignedInAsync(workspace, WorkspaceRole.Manager);

        var (page, html) = await manager.GetAsync($"/settings/alert-rules/{id}");
        var (saved, _) = await manager.SubmitAsync($"/settings/alert-rules/{id}", PageSession.Form(
            ("Form.Name", "Big refunds"), ("Form.Enabled", "true"), ("Form.Trigger", "Event"), ("Form.EventName", "Order Refunded"),
            ("Form.PropertyPath", "amount"), ("Form.PropertyOp", ">="), ("Form.PropertyValue", "250"),
            ("Form.Priority", "High"), ("Form.Assignment", "Unassigned")), $"/settings/alert-rules/{id}?handler=Save");
        var (foreign, _) = await manager.GetAsync($"/settings/alert-rules/{theirs}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("value=\"Order Refunded\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"100\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var rule = await api.GetJsonAsync($"/api/v1/alert-rules/{id}");
        Assert.Equal("Big refunds", rule.GetString("name"));
        Assert.Equal(">=", rule.GetProperty("conditions")[1].GetString("op"));
        Assert.Equal("250", rule.GetProperty("conditions")[1].GetString("value"));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }
}
