using System.Net;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Conversations.AgentInbox;

/// <summary>Settings > Inboxes, Teams and Canned replies through their forms.</summary>
[Collection(AppCollection.Name)]
public sealed class InboxSettingsPageTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task CreateInbox_WithHoursAndHolidays_SavedAndSnippetShown(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (bad, badHtml) = await session.SubmitAsync("/settings/inboxes", PageSession.Form(("Name", "Shop"), ("TimeZone", "Nowhere/Town"),
            ("From[monday]", "09:00"), ("To[monday]", "17:00")));
        var (created, _) = await session.SubmitAsync("/settings/inboxes", PageSession.Form(("Name", "Shop"), ("Assignment", "leastBusy"),
            ("TimeZone", "Europe/Berlin"), ("From[monday]", "09:00"), ("To[monday]", "17:00"), ("Holidays", "2026-12-25"),
            ("Agents", workspace.Owner.Id.ToString())));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("is not a time zone id", PageSession.Text(badHtml), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var inbox = await workspace.QueryAsync(db => db.Inboxes.SingleAsync());
        Assert.Equal(AssignmentMode.LeastBusy, inbox.Assignment);
        var hours = BusinessHours.FromJson(inbox.BusinessHours)!;
        Assert.False(hours.IsOpen(new DateTime(2026, 12, 25, 10, 0, 0, DateTimeKind.Utc)));
        Assert.True(hours.IsOpen(new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(workspace.Owner.Id, await workspace.QueryAsync(db => db.InboxAgents.Select(a => a.UserId).SingleAsync()));
        var (_, edit) = await session.GetAsync($"/settings/inboxes?id={inbox.Id}");
        Assert.Contains($"data-inbox=&quot;{inbox.WidgetKey}&quot;", edit, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task CannedReplyAndTeam_ByForms_DuplicateShortcutRefused(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        await session.SubmitAsync("/settings/canned-replies", PageSession.Form(("Shortcut", "hello"), ("Body", "Hi! How can I help?")),
            "/settings/canned-replies?handler=Save");
        var (duplicate, html) = await session.SubmitAsync("/settings/canned-replies", PageSession.Form(("Shortcut", "hello"), ("Body", "Other")),
            "/settings/canned-replies?handler=Save");
        await session.SubmitAsync("/settings/teams", PageSession.Form(("Name", "Returns"), ("MemberIds", workspace.Owner.Id.ToString())),
            "/settings/teams?handler=Create");

        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("/hello is taken", PageSession.Text(html), StringComparison.Ordinal);
        Assert.Equal(1, await workspace.QueryAsync(db => db.CannedReplies.CountAsync()));
        Assert.Equal("Returns", await workspace.QueryAsync(db => db.Teams.Select(t => t.Name).SingleAsync()));
        Assert.Equal(1, await workspace.QueryAsync(db => db.TeamMembers.CountAsync()));
    }
}
