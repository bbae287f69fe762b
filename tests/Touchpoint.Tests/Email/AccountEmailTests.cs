using System.Net;
using System.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;
using static Touchpoint.Tests.Infrastructure.PageSession;

namespace Touchpoint.Tests.Email;

/// <summary>Invitation and password-reset emails reach a real SMTP server, and their links work.</summary>
public sealed class AccountEmailTests(EmailFixture fixture) : IClassFixture<EmailFixture>
{
    [SmtpTheory, OnSqlite, OnPostgres]
    public async Task Invite_FromTheMembersPage_EmailArrivesAndItsLinkLetsTheInviteeJoin(DatabaseProvider provider)
    {
        var (app, sink) = await fixture.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        var invitee = $"invitee-{Guid.NewGuid():N}@example.test";
        using var admin = new PageSession(app);
        await admin.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (invited, html) = await admin.SubmitAsync("/settings/members", Form(("Email", invitee), ("Role", "Agent")),
            postUrl: "/settings/members?handler=invite");
        var mail = await sink.WaitForMessageToAsync(invitee);

        Assert.True(invited.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"Inviting failed: {(int)invited.StatusCode} {Text(html)}");
        Assert.Equal(invitee, mail.EnvelopeRecipient);
        Assert.Contains($"invited you to {workspace.Workspace.Name} on Touchpoint", mail.Subject, StringComparison.Ordinal);
        var link = Assert.Single(mail.Links);
        Assert.StartsWith("/invitations/", link.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains(link.AbsoluteUri, mail.HtmlBody, StringComparison.Ordinal);

        using var newcomer = new PageSession(app);
        var (page, pageHtml) = await newcomer.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"Join {workspace.Workspace.Name}", Text(pageHtml), StringComparison.Ordinal);

        var (joined, joinedHtml) = await newcomer.SubmitAsync(link.PathAndQuery, Form(("DisplayName", "New Colleague"), ("Password", "a-new-password-42")));
        var (dashboard, _) = await newcomer.GetAsync("/");
        var (keys, _) = await newcomer.GetAsync("/settings/api-keys");

        Assert.True(joined.StatusCode == HttpStatusCode.Redirect, $"Joining failed: {(int)joined.StatusCode} {Text(joinedHtml)}");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, keys.StatusCode);
    }

    [SmtpTheory, OnSqlite, OnPostgres]
    public async Task ForgotPassword_KnownEmail_ResetLinkArrivesAndSetsANewPassword(DatabaseProvider provider)
    {
        var (app, sink) = await fixture.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        var email = workspace.Owner.Email!;
        using var person = new PageSession(app);

        var (asked, askedHtml) = await person.SubmitAsync("/forgot-password", Form(("Email", email)));
        var mail = await sink.WaitForMessageToAsync(email);

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal(email, mail.EnvelopeRecipient);
        Assert.Equal("Reset your Touchpoint password", mail.Subject);
        var link = Assert.Single(mail.Links);
        Assert.Equal("/reset-password", link.AbsolutePath);
        var query = HttpUtility.ParseQueryString(link.Query);
        Assert.Equal(email, query["email"]);

        var (form, formHtml) = await person.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains(email, Text(formHtml), StringComparison.Ordinal);

        const string newPassword = "brand-new-password-7";
        var (reset, resetHtml) = await person.SubmitAsync(link.PathAndQuery,
            Form(("Email", query["email"]!), ("Token", query["token"]!), ("Password", newPassword)));
        Assert.True(reset.StatusCode == HttpStatusCode.Redirect, $"Reset failed: {(int)reset.StatusCode} {Text(resetHtml)}");
        Assert.Equal("/signin", reset.Headers.Location?.OriginalString);

        using var oldPassword = new PageSession(app);
        var (refused, refusedHtml) = await oldPassword.SubmitAsync("/signin", Form(("Email", email), ("Password", TestWorkspace.Password)));
        using var newSession = new PageSession(app);
        var signedIn = await newSession.SignInAsync(email, newPassword);

        Assert.Contains("not right", Text(refusedHtml), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        Assert.Contains("If an account exists for that email, we sent it a link", Text(askedHtml), StringComparison.OrdinalIgnoreCase);
    }

    [SmtpTheory, OnSqlite, OnPostgres]
    public async Task ForgotPassword_UnknownEmail_SaysTheSameAndQueuesNothing(DatabaseProvider provider)
    {
        var (app, _) = await fixture.StartAsync(provider);
        var stranger = $"stranger-{Guid.NewGuid():N}@example.test";
        using var person = new PageSession(app);

        var (asked, html) = await person.SubmitAsync("/forgot-password", Form(("Email", stranger)));

        await using var scope = app.Services.CreateAsyncScope();
        var queued = await scope.ServiceProvider.GetRequiredService<TouchpointDbContext>().Outbox.AnyAsync(m => m.Recipient == stranger);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("If an account exists for that email, we sent it a link", Text(html), StringComparison.OrdinalIgnoreCase);
        Assert.False(queued);
    }
}
