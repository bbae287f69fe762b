using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;
using Touchpoint.Tests.Infrastructure;
using Touchpoint.Tests.Surveys.Distribution;

namespace Touchpoint.Tests.Conversations.AfterChat;

/// <summary>After a resolution the inbox's follow-up survey is emailed, under the surveys' contact rules.</summary>
public sealed class FollowUpSurveyTests(EmailFixture fixture) : IClassFixture<EmailFixture>
{
    [SmtpTheory, OnSqlite, OnPostgres]
    public async Task Resolve_InboxWithFollowUpSurvey_EmailsItThenQuarantineSuppressesTheNext(DatabaseProvider provider)
    {
        var (app, sink) = await fixture.StartAsync(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        using var client = workspace.Client();
        await client.SetRulesAsync(quarantineDays: 30);
        var survey = (await client.CreateSurveyAsync("csat")).GetGuid("id");
        var email = DistributionSteps.Email();
        var chat = await ChatData.CreateAsync(workspace, email, inbox => inbox.FollowUpSurveyId = survey);

        var agent = await chat.AnsweredAndResolvedAsync();
        var mail = await sink.WaitForMessageToAsync(email);
        await chat.AppendAsync(MessageAuthor.Customer, "One more thing");
        await chat.AppendAsync(MessageAuthor.Agent, "Sure", agent.Id);
        await chat.ResolveAsync();

        var invitations = await workspace.QueryAsync(db => db.SurveyInvitations.AsNoTracking()
            .Where(i => i.ConversationId == chat.ConversationId).OrderBy(i => i.CreatedAt).ToListAsync());
        Assert.Equal(2, invitations.Count);
        var (first, second) = (invitations[0], invitations[1]);
        Assert.Contains(first.Token, mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(survey, first.SurveyId);
        Assert.Equal(Channel.Chat, first.Channel);
        Assert.Equal(agent.DisplayName, first.Agent);
        Assert.Equal(InvitationStatus.Suppressed, second.Status);
        Assert.StartsWith("Quarantine", second.SuppressedReason, StringComparison.Ordinal);
    }
}
