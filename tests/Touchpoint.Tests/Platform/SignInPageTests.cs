using System.Net;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;
using static Touchpoint.Tests.Infrastructure.PageSession;

namespace Touchpoint.Tests.Platform;

/// <summary>Signing in and out of the pages, lockout, CSRF defence, roles and workspace boundaries.</summary>
[Collection(AppCollection.Name)]
public sealed class SignInPageTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task SignIn_RightPassword_RedirectsToTheDashboardOfTheWorkspace(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var session = new PageSession(workspace.App);

        using var signedIn = await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);
        var (dashboard, html) = await session.GetAsync("/");

        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains(workspace.Workspace.Name, Text(html), StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Dashboard_NotSignedIn_RedirectsToSignInWithReturnUrl(DatabaseProvider provider)
    {
        using var session = new PageSession(fixture.App(provider));

        var (response, _) = await session.GetAsync("/surveys");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin", response.Headers.Location?.AbsolutePath);
        Assert.Contains("ReturnUrl=%2Fsurveys", response.Headers.Location?.Query, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SignIn_WrongPassword_StaysOnThePageWithAMessage(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var session = new PageSession(workspace.App);

        var (response, html) = await session.SubmitAsync("/signin", Form(("Email", workspace.Owner.Email!), ("Password", "not-the-password-1")));
        var (dashboard, _) = await session.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The email or password is not right.", Text(html), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SignIn_UnknownEmail_ShowsTheSameMessageAsAWrongPassword(DatabaseProvider provider)
    {
        // An install with an account (a fresh one sends /signin to /setup).
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var session = new PageSession(workspace.App);

        var (response, html) = await session.SubmitAsync("/signin", Form(("Email", "nobody@example.test"), ("Password", "whatever-123")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The email or password is not right.", Text(html), StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccountEvenForTheRightOne(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var session = new PageSession(workspace.App);
        for (var i = 0; i < 5; i++)
        {
            await session.SubmitAsync("/signin", Form(("Email", workspace.Owner.Email!), ("Password", $"wrong-password-{i}")));
        }

        var (response, html) = await session.SubmitAsync("/signin", Form(("Email", workspace.Owner.Email!), ("Password", TestWorkspace.Password)));
        var (dashboard, _) = await session.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked", Text(html), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SignIn_PostWithoutAntiforgeryToken_Returns400AndDoesNotSignIn(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var session = new PageSession(workspace.App);
        await session.GetAsync("/signin");

        var (response, _) = await session.PostAsync("/signin", Form(("Email", workspace.Owner.Email!), ("Password", TestWorkspace.Password)));
        var (dashboard, _) = await session.GetAsync("/");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SignOut_PostWithToken_EndsTheSession(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (signedOut, _) = await session.SubmitAsync("/", [], postUrl: "/signout");
        var (dashboard, _) = await session.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.Equal("/signin", dashboard.Headers.Location?.AbsolutePath);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SignOut_PostWithoutToken_Returns400AndKeepsTheSession(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (response, _) = await session.PostAsync("/signout", []);
        var (dashboard, _) = await session.GetAsync("/");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ApiKeysPage_Agent_IsRefused(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(agent.Email!, TestWorkspace.Password);

        var (response, html) = await session.GetAsync("/settings/api-keys");

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.AbsolutePath == "/denied"),
            $"An agent must not open the API keys page; got {(int)response.StatusCode} {response.Headers.Location}.");
        Assert.DoesNotContain("tp_key_", html, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ApiKeysPage_Admin_ListsTheWorkspacesKeys(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var admin = await workspace.AddMemberAsync(WorkspaceRole.Admin);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(admin.Email!, TestWorkspace.Password);

        var (response, html) = await session.GetAsync("/settings/api-keys");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(workspace.ApiKey[..14], html, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SurveyPage_OfAnotherWorkspace_Returns404(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var a = await TestWorkspace.CreateAsync(app);
        var b = await TestWorkspace.CreateAsync(app);
        using var clientB = b.Client();
        var surveyOfB = await clientB.CreateSurveyAsync(name: "B's secret survey");
        using var session = new PageSession(app);
        await session.SignInAsync(a.Owner.Email!, TestWorkspace.Password);

        var (response, html) = await session.GetAsync($"/surveys/{surveyOfB.GetGuid("id")}");
        var (list, listHtml) = await session.GetAsync("/surveys");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("B's secret survey", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.DoesNotContain("B's secret survey", WebUtility.HtmlDecode(listHtml), StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SurveyPage_OwnWorkspace_ShowsTheSurveyAndItsPublicLink(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var survey = await client.CreateSurveyAsync(name: "Our checkout survey");
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (response, html) = await session.GetAsync($"/surveys/{survey.GetGuid("id")}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Our checkout survey", Text(html), StringComparison.Ordinal);
        Assert.Contains(survey.GetString("publicUrl")!, html, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task InviteMember_SignedInButPostWithoutAntiforgeryToken_Returns400AndInvitesNobody(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);
        var invitee = $"forged-{Guid.NewGuid():N}@example.test";

        var (response, _) = await session.PostAsync("/settings/members?handler=invite", Form(("Email", invitee), ("Role", "Admin")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await workspace.QueryAsync(db => db.Invitations.AnyAsync(i => i.Email == invitee)));
    }
}
