using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;
using Touchpoint.Tests.Surveys.Distribution;

namespace Touchpoint.Tests.Cases.Sla;

[Collection(SlaCollection.Name)]
public sealed class CaseSlaClockTests(SlaFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task ClockPanel_ShowsEachTargetInTheWorkspaceZone_AndEncodesNames(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app, "Europe/Berlin");
        var manager = await workspace.AddMemberAsync(WorkspaceRole.Manager);
        await workspace.InWorkspaceAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<User>>();
            var user = (await users.FindByIdAsync(manager.Id.ToString()))!;
            user.DisplayName = "<script>alert(1)</script> Mallory";
            await users.UpdateAsync(user);
        });
        using var client = workspace.Client();
        (await client.PutAsJsonAsync("/api/v1/sla-policies", new
        {
            policies = new[] { new { priority = "urgent", firstResponseMinutes = 60, resolutionMinutes = 480, escalateToUserId = manager.Id } },
        })).EnsureSuccessStatusCode();
        // Opened long ago: the first response was met after 30 minutes, the resolution target is overdue.
        var opened = await SlaKit.OpenAsync(workspace, FixedClock.At("2026-01-05T09:00:00Z"), CasePriority.Urgent);
        await workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            var found = await db.Cases.FindAsync(opened.Id);
            found!.FirstContactAt = new DateTime(2026, 1, 5, 9, 30, 0, DateTimeKind.Utc);
            await db.SaveChangesAsync();
        });
        var other = await TestWorkspace.CreateAsync(app);
        using var session = new PageSession(app);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);
        using var stranger = new PageSession(app);
        await stranger.SignInAsync(other.Owner.Email!, TestWorkspace.Password);

        var (response, html) = await session.GetAsync($"/cases/sla-clock/{opened.Id}");
        var (notFound, _) = await stranger.GetAsync($"/cases/sla-clock/{opened.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = PageSession.Text(html);
        Assert.Contains("Due (Europe/Berlin)", text, StringComparison.Ordinal);
        Assert.Contains("Mon 5 Jan 2026, 11:00", text, StringComparison.Ordinal);  // 10:00 UTC is 11:00 in Berlin
        Assert.Contains("Met, 30m before the target", text, StringComparison.Ordinal);
        Assert.Contains("Overdue by", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Mallory", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
    }
}
