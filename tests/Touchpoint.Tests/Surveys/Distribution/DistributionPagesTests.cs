using System.Net;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;
using static Touchpoint.Tests.Infrastructure.PageSession;

namespace Touchpoint.Tests.Surveys.Distribution;

/// <summary>The contact rules settings page and a survey's invitations page, as a signed-in owner uses them.</summary>
[Collection(AppCollection.Name)]
public sealed class DistributionPagesTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task ContactRulesPage_Save_ChangesTheRulesAndRefusesHalfQuietHours(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (_, before) = await session.GetAsync("/settings/contact-rules");
        var (saved, _) = await session.SubmitAsync("/settings/contact-rules",
            Form(("QuarantineDays", "14"), ("QuietHoursStart", "22:00"), ("QuietHoursEnd", "07:30")));
        var (refused, refusedHtml) = await session.SubmitAsync("/settings/contact-rules",
            Form(("QuarantineDays", "7"), ("QuietHoursStart", "22:00"), ("QuietHoursEnd", "")));
        using var api = workspace.Client();
        var rules = await api.GetJsonAsync("/api/v1/contact-rules");

        Assert.Contains("value=\"30\"", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Set both the start and the end of quiet hours", Text(refusedHtml), StringComparison.Ordinal);
        Assert.Equal(14, rules.GetProperty("quarantineDays").GetInt32());
        Assert.Equal("07:30", rules.GetString("quietHoursEnd"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task InvitationsPage_InviteByEmail_InvitesTheValidAddressesAndListsThem(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        await api.SetRulesAsync();
        var survey = (await api.CreateSurveyAsync()).GetGuid("id");
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);
        var good = DistributionSteps.Email();
        var url = $"/surveys/{survey}/invitations";

        var (details, detailsHtml) = await session.GetAsync($"/surveys/{survey}");
        var (posted, postedHtml) = await session.SubmitAsync(url, Form(("Emails", $"{good}\n<script>x</script>")));
        var (_, listHtml) = await session.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        Assert.Contains(url, detailsHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("Not email addresses: <script>x</script>. The others were invited.", Text(postedHtml), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>x</script>", postedHtml, StringComparison.Ordinal);
        Assert.Contains(good, listHtml, StringComparison.Ordinal);
        Assert.Contains("/qr.svg", listHtml, StringComparison.Ordinal);
        Assert.Equal(1, await workspace.QueryAsync(db => db.SurveyInvitations.CountAsync(i => i.SurveyId == survey)));
    }
}
