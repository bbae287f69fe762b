using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;
using static Touchpoint.Tests.Infrastructure.PageSession;

namespace Touchpoint.Tests.Platform;

/// <summary>A fresh install without demo data starts at /setup, which creates the first owner and then closes for good.</summary>
public sealed class FirstRunSetupTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Setup_FreshInstall_CreatesOwnerAndWorkspaceThenIsGone(DatabaseProvider provider)
    {
        await using var app = new TouchpointFactory(provider);
        using var first = new PageSession(app);

        var (signIn, _) = await first.GetAsync("/signin");
        var (created, html) = await first.SubmitAsync("/setup", Form(("WorkspaceName", "Fresh Bakery"), ("TimeZone", "Europe/Amsterdam"),
            ("DisplayName", "Fran"), ("Email", "fran@example.test"), ("Password", "fresh-password-1")));
        var (dashboard, dashboardHtml) = await first.GetAsync("/");
        using var second = new PageSession(app);
        var (again, _) = await second.GetAsync("/setup");
        var (signInNow, _) = await second.GetAsync("/signin");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/setup", signIn.Headers.Location?.OriginalString);
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, $"Setup failed: {(int)created.StatusCode} {Text(html)}");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Fresh Bakery", Text(dashboardHtml), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signInNow.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var workspace = await scope.ServiceProvider.GetRequiredService<TouchpointDbContext>().Workspaces.SingleAsync();
        Assert.Equal("Europe/Amsterdam", workspace.TimeZone);
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<UserManager<User>>().Users.CountAsync());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Setup_AfterAnAccountExists_RefusesToCreateAnotherOwner(DatabaseProvider provider)
    {
        await using var app = new TouchpointFactory(provider);
        var existing = await TestWorkspace.CreateAsync(app);
        using var intruder = new PageSession(app);
        var token = AntiforgeryToken((await intruder.GetAsync("/signin")).Html)!;

        var (response, _) = await intruder.PostAsync("/setup", Form(("WorkspaceName", "Takeover"), ("TimeZone", "UTC"),
            ("Email", "intruder@example.test"), ("Password", "intruder-password-1"), ("__RequestVerificationToken", token)));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await existing.QueryAsync(db => db.Users.AnyAsync(u => u.Email == "intruder@example.test")));
    }
}
