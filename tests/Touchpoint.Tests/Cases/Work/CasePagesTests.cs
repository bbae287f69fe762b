using System.Net;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Cases.Work;

/// <summary>The case lists, the case page and its forms, "Open a case" and the notifications, as a member sees them.</summary>
[Collection(AppCollection.Name)]
public sealed class CasePagesTests(AppFixture fixture)
{
    private const string Hostile = "<script>alert('x')</script>";

    [Theory, OnSqlite, OnPostgres]
    public async Task CasePage_ShowsCustomerAndFeedback_EncodingEveryCustomerString(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var customer = await CaseData.CustomerAsync(workspace, $"Eve {Hostile}");
        var survey = (await client.CreateSurveyAsync("nps", "Relationship")).GetGuid("id");
        var response = await client.PostJsonAsync($"/api/v1/surveys/{survey}/responses",
            new { score = 1, comment = $"Awful {Hostile}", customerId = customer }, HttpStatusCode.Created);
        await CaseData.OpenAsync(client, new { title = $"Detractor {Hostile}", responseId = response.GetInt64("id"), description = Hostile });
        await CaseData.ActOkAsync(client, "1", new { action = "note", body = $"Note {Hostile}" });
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (page, html) = await session.GetAsync("/cases/1");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain(Hostile, html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        var text = PageSession.Text(html);
        Assert.Contains($"Case 1: Detractor {Hostile}", text, StringComparison.Ordinal);
        Assert.Contains($"Eve {Hostile}", text, StringComparison.Ordinal);
        Assert.Contains($"Awful {Hostile}", text, StringComparison.Ordinal);
        Assert.Contains($"Note {Hostile}", text, StringComparison.Ordinal);
        Assert.Contains($"/customers/{customer}", html, StringComparison.Ordinal);
        Assert.Contains("Latest NPS 1", text, StringComparison.Ordinal);

        // The lists, the customer page and the response page encode them too, and link the case.
        foreach (var url in new[] { "/cases?tab=all", $"/customers/{customer}", $"/responses/{response.GetInt64("id")}" })
        {
            var (listed, listHtml) = await session.GetAsync(url);
            Assert.True(listed.StatusCode == HttpStatusCode.OK, $"{url}: {(int)listed.StatusCode} {PageSession.Text(listHtml)[..Math.Min(3000, PageSession.Text(listHtml).Length)]}");
            Assert.DoesNotContain(Hostile, listHtml, StringComparison.Ordinal);
        }

        Assert.Contains("href=\"/cases/1\"", (await session.GetAsync($"/customers/{customer}")).Html, StringComparison.Ordinal);
        Assert.Contains($"/cases/new?responseId={response.GetInt64("id")}", (await session.GetAsync($"/responses/{response.GetInt64("id")}")).Html, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AnotherWorkspacesCasePage_IsNotFound(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var owner = await TestWorkspace.CreateAsync(app);
        var intruder = await TestWorkspace.CreateAsync(app);
        await CaseData.OpenAsync(owner.Client(), new { title = "Theirs" });
        using var session = new PageSession(app);
        await session.SignInAsync(intruder.Owner.Email!, TestWorkspace.Password);

        var (page, _) = await session.GetAsync("/cases/1");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var (list, html) = await session.GetAsync("/cases?tab=all");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.DoesNotContain("Theirs", html, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Agent_OpensACaseFromAResponse_WorksItThroughTheForms_AndItLeavesMyCases(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        var customer = await CaseData.CustomerAsync(workspace, "Nora");
        var survey = (await client.CreateSurveyAsync("nps")).GetGuid("id");
        var responseId = (await client.PostJsonAsync($"/api/v1/surveys/{survey}/responses",
            new { score = 3, comment = "Delivery took three weeks", customerId = customer }, HttpStatusCode.Created)).GetInt64("id");
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(agent.Email!, TestWorkspace.Password);

        var (form, formHtml) = await session.GetAsync($"/cases/new?responseId={responseId}");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("NPS 3: Delivery took three weeks", formHtml, StringComparison.Ordinal);
        Assert.Contains("Nora", PageSession.Text(formHtml), StringComparison.Ordinal);
        var (opened, _) = await session.SubmitAsync($"/cases/new?responseId={responseId}", PageSession.Form(
            ("ResponseId", responseId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Title", "NPS 3: Delivery took three weeks"),
            ("Priority", "High"), ("AssignToMe", "true"), ("AssignToMe", "false")));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/cases/1", opened.Headers.Location?.OriginalString);
        var created = await workspace.QueryAsync(db => db.Cases.AsNoTracking().SingleAsync());
        Assert.Equal(agent.Id, created.OwnerId);
        Assert.Equal(customer, created.CustomerId);
        Assert.Equal(Core.Cases.CaseSource.Manual, created.Source);
        Assert.Contains("Case 1", PageSession.Text((await session.GetAsync("/cases")).Html), StringComparison.Ordinal);

        var (noted, _) = await session.SubmitAsync("/cases/1", PageSession.Form(("Body", "Called Nora")), "/cases/1?handler=Note");
        Assert.Equal(HttpStatusCode.Redirect, noted.StatusCode);

        // A resolve without a root cause is refused with the field named.
        var (refused, refusedHtml) = await session.SubmitAsync("/cases/1", PageSession.Form(("Version", created.Version.ToString()), ("RootCause", ""),
            ("ResolutionCode", "refund")), "/cases/1?handler=Resolve");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("rootCause", PageSession.Text(refusedHtml), StringComparison.Ordinal);

        // A stale version (someone changed the case meanwhile) is refused, not overwritten.
        await CaseData.PatchAsync(client, "1", new { priority = "urgent" });
        var (stale, staleHtml) = await session.SubmitAsync("/cases/1", PageSession.Form(("Version", created.Version.ToString()),
            ("RootCause", "carrier-delay"), ("ResolutionCode", "apology")), "/cases/1?handler=Resolve");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Someone else changed this case", PageSession.Text(staleHtml), StringComparison.Ordinal);

        var current = await workspace.QueryAsync(db => db.Cases.AsNoTracking().SingleAsync());
        var (resolved, _) = await session.SubmitAsync("/cases/1", PageSession.Form(("Version", current.Version.ToString()),
            ("RootCause", "carrier-delay"), ("ResolutionCode", "apology"), ("Note", "Apologised")), "/cases/1?handler=Resolve");
        Assert.Equal(HttpStatusCode.Redirect, resolved.StatusCode);
        var page = PageSession.Text((await session.GetAsync("/cases/1")).Html);
        Assert.Contains("Called Nora", page, StringComparison.Ordinal);
        Assert.Contains("carrier-delay", page, StringComparison.Ordinal);
        Assert.Contains("No open cases are yours.", PageSession.Text((await session.GetAsync("/cases")).Html), StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TeamQueue_ShowsMyTeamsCases_UnassignedFirst_AndAllIsForManagers(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        var colleague = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        var team = await CaseData.TeamAsync(workspace, "Care", agent.Id, colleague.Id);
        await CaseData.OpenAsync(client, new { title = "Taken one", teamId = team, ownerId = colleague.Id });
        await CaseData.OpenAsync(client, new { title = "Waiting one", teamId = team });
        await CaseData.OpenAsync(client, new { title = "Other team's" });
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(agent.Email!, TestWorkspace.Password);

        var text = PageSession.Text((await session.GetAsync("/cases?tab=team")).Html);

        Assert.Contains("Team queue (2)", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Waiting one", StringComparison.Ordinal) < text.IndexOf("Taken one", StringComparison.Ordinal));
        Assert.DoesNotContain("Other team's", text, StringComparison.Ordinal);
        Assert.DoesNotContain("tab-all", (await session.GetAsync("/cases")).Html, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Notifications_ShowInTheBellAndTheList_AndOpeningOneMarksItRead(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        await CaseData.OpenAsync(client, new { title = $"Broken {Hostile}", ownerId = agent.Id });
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(agent.Email!, TestWorkspace.Password);

        var (_, html) = await session.GetAsync("/notifications");
        Assert.Contains("Notifications: 1 unread", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Hostile, html, StringComparison.Ordinal);
        Assert.Contains($"Case 1 is yours: Broken {Hostile}", PageSession.Text(html), StringComparison.Ordinal);
        var id = await workspace.QueryAsync(db => db.UserNotifications.Where(n => n.UserId == agent.Id).Select(n => n.Id).SingleAsync());

        var (opened, _) = await session.SubmitAsync("/notifications", [], $"/notifications?handler=Open&id={id}");

        Assert.Equal("/cases/1", opened.Headers.Location?.OriginalString);
        Assert.Contains("Notifications: 0 unread", (await session.GetAsync("/cases")).Html, StringComparison.Ordinal);
    }
}
