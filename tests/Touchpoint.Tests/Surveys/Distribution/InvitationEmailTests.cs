using System.Net;
using System.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Data;
using Touchpoint.Core.Email;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Surveys.Distribution;
using Touchpoint.Tests.Infrastructure;
using static Touchpoint.Tests.Infrastructure.PageSession;

namespace Touchpoint.Tests.Surveys.Distribution;

/// <summary>Invitation emails as a real SMTP server receives them, and what their links do.</summary>
public sealed class InvitationEmailTests(EmailFixture fixture) : IClassFixture<EmailFixture>
{
    private sealed record Invited(TestWorkspace Workspace, HttpClient Client, Guid SurveyId, string Email, ReceivedMail Mail, SurveyInvitation Invitation);

    private async Task<Invited> InviteAsync(DatabaseProvider provider, string? name = null, Action<Survey>? configure = null)
    {
        var (app, sink) = await fixture.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        var client = workspace.Client();
        await client.SetRulesAsync();
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");
        if (configure is not null)
        {
            await workspace.InWorkspaceAsync(async services =>
            {
                var db = services.GetRequiredService<TouchpointDbContext>();
                configure(await db.Surveys.FirstAsync(s => s.Id == survey));
                await db.SaveChangesAsync();
            });
        }

        var email = DistributionSteps.Email();
        var row = await client.InviteOneAsync(survey, new { email, name });
        var mail = await sink.WaitForMessageToAsync(email);
        var invitation = await workspace.QueryAsync(db => db.SurveyInvitations.AsNoTracking().FirstAsync(i => i.Id == row.GetGuid("invitationId")));
        return new Invited(workspace, client, survey, email, mail, invitation);
    }

    private static List<Uri> ScoreLinks(ReceivedMail mail) =>
        mail.Links.Where(l => HttpUtility.ParseQueryString(l.Query)["score"] is not null).ToList();

    [SmtpTheory, OnSqlite, OnPostgres]
    public async Task Invite_NpsSurvey_EmailEmbedsElevenScoreLinksCarryingTheToken(DatabaseProvider provider)
    {
        var invited = await InviteAsync(provider, name: "<b>Bo</b> Lima");
        using var _ = invited.Client;

        var scores = ScoreLinks(invited.Mail);

        Assert.Equal(11, scores.Count);
        Assert.Equal(Enumerable.Range(0, 11).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            scores.Select(l => HttpUtility.ParseQueryString(l.Query)["score"]));
        Assert.All(scores, l => Assert.Equal(invited.Invitation.Token, HttpUtility.ParseQueryString(l.Query)["t"]));
        Assert.All(scores, l => Assert.Contains(l.AbsoluteUri.Replace("&", "&amp;", StringComparison.Ordinal), invited.Mail.HtmlBody, StringComparison.Ordinal));
        Assert.Contains("&lt;b&gt;Bo&lt;/b&gt;", invited.Mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Bo", invited.Mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(invited.Mail.Links, l => l.AbsolutePath == $"/s/unsubscribe/{invited.Invitation.Token}");
        // The dispatcher marks the row sent once the server has accepted it, a moment after the sink has it.
        await Eventually.HoldsAsync(() => invited.Workspace.QueryAsync(db => db.Outbox.AsNoTracking()
            .AnyAsync(m => m.Id == invited.Invitation.OutboxMessageId && m.Status == OutboxStatus.Sent)), "the invitation to be marked sent");
    }

    [SmtpTheory, OnSqlite, OnPostgres]
    public async Task ScoreLinks_OpenedByAMailScanner_StoreNoResponse(DatabaseProvider provider)
    {
        var invited = await InviteAsync(provider);
        using var _ = invited.Client;
        using var scanner = invited.Workspace.ClientWithKey(null);

        foreach (var link in invited.Mail.Links.Where(l => !l.AbsolutePath.StartsWith("/s/unsubscribe/", StringComparison.Ordinal)))
        {
            using var response = await scanner.GetAsync(link.PathAndQuery);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{link} answered {(int)response.StatusCode}");
        }

        Assert.Equal(12, invited.Mail.Links.Count(l => l.AbsolutePath.StartsWith("/s/", StringComparison.Ordinal) && !l.AbsolutePath.StartsWith("/s/unsubscribe/", StringComparison.Ordinal)));
        Assert.Equal(0, await invited.Workspace.QueryAsync(db => db.Responses.CountAsync()));
        var after = await invited.Workspace.QueryAsync(db => db.SurveyInvitations.AsNoTracking().FirstAsync(i => i.Id == invited.Invitation.Id));
        Assert.Null(after.ResponseId);
        Assert.Null(after.RespondedAt);
    }

    [SmtpTheory, OnSqlite, OnPostgres]
    public async Task Unsubscribe_OpeningTheLinkChangesNothing_TheButtonUnsubscribes(DatabaseProvider provider)
    {
        var invited = await InviteAsync(provider);
        using var _ = invited.Client;
        var link = Assert.Single(invited.Mail.Links, l => l.AbsolutePath.StartsWith("/s/unsubscribe/", StringComparison.Ordinal));
        using var person = new PageSession(invited.Workspace.App);
        Task<bool?> ConsentAsync() => invited.Workspace.QueryAsync(db => db.Customers.AsNoTracking()
            .Where(c => c.Id == invited.Invitation.CustomerId).Select(c => c.Consent.Surveys).FirstAsync());

        var (opened, openedHtml) = await person.GetAsync(link.PathAndQuery);
        var afterOpening = await ConsentAsync();
        var (confirmed, confirmedHtml) = await person.PostAsync(link.PathAndQuery, Form());
        var afterConfirming = await ConsentAsync();
        var (bogus, _) = await person.GetAsync("/s/unsubscribe/not-a-token");
        var other = (await invited.Client.CreateSurveyAsync("csat")).GetGuid("id");
        await invited.Client.SetRulesAsync(quarantineDays: null);
        var again = await invited.Client.InviteOneAsync(other, new { email = invited.Email });

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("Unsubscribe from surveys?", Text(openedHtml), StringComparison.Ordinal);
        Assert.Null(afterOpening);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("You are unsubscribed", Text(confirmedHtml), StringComparison.Ordinal);
        Assert.False(afterConfirming);
        Assert.Equal(HttpStatusCode.NotFound, bogus.StatusCode);
        Assert.Equal("suppressed", again.GetString("result"));
        Assert.True(await invited.Workspace.QueryAsync(db => db.AuditEntries.AnyAsync(a =>
            a.Action == "customer.updated" && a.Target == $"customer:{invited.Invitation.CustomerId}" && a.Actor.StartsWith("unsubscribe-link:"))));
    }

    [SmtpTheory, OnSqlite, OnPostgres]
    public async Task ReminderJob_AfterTheSurveysDays_RemindsOnceAndNeverTheUnsubscribed(DatabaseProvider provider)
    {
        var invited = await InviteAsync(provider, configure: s => s.ReminderAfterDays = 3);
        using var _ = invited.Client;
        var (app, sink) = await fixture.StartAsync(provider);
        var quitter = DistributionSteps.Email();
        var quitterRow = await invited.Client.InviteOneAsync(invited.SurveyId, new { email = quitter });
        await invited.Workspace.SentAsync(quitterRow.GetGuid("invitationId"));
        await invited.Client.PatchAsync($"/api/v1/customers/{quitterRow.GetGuid("customerId")}", Api.Json("""{"consent":{"surveys":false}}"""));
        // Four days pass.
        await invited.Workspace.QueryAsync(db => db.SurveyInvitations.Where(i => i.SurveyId == invited.SurveyId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.SentAt, DateTime.UtcNow.AddDays(-4))));

        // The background scheduler runs the same job; whichever runs first sends, the other finds nothing to do.
        int second;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReminderJob>().RunAsync(CancellationToken.None);
            second = await scope.ServiceProvider.GetRequiredService<ReminderJob>().RunAsync(CancellationToken.None);
        }

        var reminder = await sink.WaitForMessageAsync(m => m.To.Contains(invited.Email, StringComparison.OrdinalIgnoreCase) && m.Subject.StartsWith("Reminder", StringComparison.Ordinal));
        var invitation = await invited.Workspace.QueryAsync(db => db.SurveyInvitations.AsNoTracking().FirstAsync(i => i.Id == invited.Invitation.Id));
        var quitterInvitation = await invited.Workspace.QueryAsync(db => db.SurveyInvitations.AsNoTracking().FirstAsync(i => i.Id == quitterRow.GetGuid("invitationId")));
        var emails = await invited.Workspace.QueryAsync(db => db.Outbox.AsNoTracking().CountAsync(m => m.Recipient == invited.Email || m.Recipient == quitter));

        Assert.Equal(0, second);
        Assert.Equal(11, ScoreLinks(reminder).Count);
        Assert.NotNull(invitation.RemindedAt);
        Assert.NotNull(invitation.ReminderOutboxMessageId);
        Assert.Null(quitterInvitation.RemindedAt);
        Assert.Equal(3, emails); // two invitations, one reminder
    }
}
