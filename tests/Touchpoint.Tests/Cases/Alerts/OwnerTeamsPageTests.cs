using System.Net;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Cases.Alerts;

/// <summary>Journeys › touch point owners: a manager sets the team that gets a touch point's cases; audited; names encoded.</summary>
[Collection(AppCollection.Name)]
public sealed class OwnerTeamsPageTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Manager_SetsATouchPointsOwnerTeam_ShownEncodedAndAudited(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var (team, touchPoint) = await workspace.QueryAsync(async db =>
        {
            var t = new Team { Name = "<b>Returns</b>", CreatedAt = DateTime.UtcNow };
            db.Teams.Add(t);
            await db.SaveChangesAsync();
            return (t.Id, await db.TouchPoints.OrderBy(p => p.Name).Select(p => p.Id).FirstAsync());
        });
        var manager = await workspace.AddMemberAsync(WorkspaceRole.Manager);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(manager.Email!, TestWorkspace.Password);

        var (saved, _) = await session.SubmitAsync("/journeys/owner-teams",
            PageSession.Form(("TouchPointId", touchPoint.ToString()), ("OwnerTeamId", team.ToString())));
        var (_, html) = await session.GetAsync("/journeys/owner-teams");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(team, await workspace.QueryAsync(db => db.TouchPoints.Where(p => p.Id == touchPoint).Select(p => p.OwnerTeamId).SingleAsync()));
        Assert.Contains("&lt;b&gt;Returns&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Returns</b>", html, StringComparison.Ordinal);
        Assert.Contains("touch-point.owner-team", await workspace.QueryAsync(db => db.AuditEntries.Select(a => a.Action).ToListAsync()));
    }
}
