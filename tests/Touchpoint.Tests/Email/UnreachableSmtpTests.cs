using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Core.Email;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;
using Touchpoint.Web.Platform;

namespace Touchpoint.Tests.Email;

/// <summary>When the mail server cannot be reached, nothing is lost: the message waits in the outbox with the reason.</summary>
public sealed class UnreachableSmtpTests(UnreachableSmtpTests.Fixture fixture) : IClassFixture<UnreachableSmtpTests.Fixture>
{
    /// <summary>Apps whose SMTP server is a local port nothing listens on.</summary>
    public sealed class Fixture : AppFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings(DatabaseProvider provider) => new Dictionary<string, string?>
        {
            ["Touchpoint:Smtp:Host"] = "127.0.0.1",
            ["Touchpoint:Smtp:Port"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Touchpoint:Smtp:TimeoutSeconds"] = "5",
        };
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Invite_SmtpServerDown_StaysPendingWithTheErrorAndACountedAttempt(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        var invitee = $"invitee-{Guid.NewGuid():N}@example.test";

        var errors = await workspace.InWorkspaceAsync(services => services.GetRequiredService<InvitationService>()
            .InviteAsync(invitee, WorkspaceRole.Analyst, "Owner", "user:owner", workspace.Owner.Id, workspace.Workspace.Name, "http://localhost"));
        var row = await Eventually.ReturnsAsync(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<TouchpointDbContext>().Outbox.AsNoTracking()
                .FirstOrDefaultAsync(m => m.Recipient == invitee && m.LastError != null && m.LockedUntil == null);
        }, "the dispatcher to try the invitation once");

        Assert.Empty(errors);
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.False(string.IsNullOrWhiteSpace(row.LastError));
        Assert.Null(row.SentAt);
        Assert.True(row.NextAttemptAt > row.CreatedAt, "A failed message is retried later, not at once.");
        Assert.Contains("invited you to", row.Subject, StringComparison.Ordinal);
        Assert.Contains("/invitations/", row.TextBody, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task EmailSettingsPage_SmtpServerDown_ShowsTheMessageAsPendingWithItsError(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        var invitee = $"invitee-{Guid.NewGuid():N}@example.test";
        await workspace.InWorkspaceAsync(services => services.GetRequiredService<InvitationService>()
            .InviteAsync(invitee, WorkspaceRole.Agent, "Owner", "user:owner", workspace.Owner.Id, workspace.Workspace.Name, "http://localhost"));
        var error = (await Eventually.ReturnsAsync(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<TouchpointDbContext>().Outbox.AsNoTracking()
                .FirstOrDefaultAsync(m => m.Recipient == invitee && m.LastError != null);
        }, "the dispatcher to try the invitation once")).LastError!;
        using var session = new PageSession(app);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (_, html) = await session.GetAsync("/settings/email");

        var text = PageSession.Text(html);
        Assert.Contains(invitee, text, StringComparison.Ordinal);
        Assert.Contains("Pending", text, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlDecode(error), text, StringComparison.Ordinal);
    }
}
