using System.Net;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Analytics.Rates;

/// <summary>GET /api/v1/metrics/response-rates: counts and rates per survey and channel over a month of a non-UTC workspace.</summary>
[Collection(AppCollection.Name)]
public sealed class ResponseRatesApiTests(AppFixture fixture)
{
    private const int Precision = 4;

    /// <summary>November 2025 in Berlin (UTC+1): from 2025-10-31T23:00Z to 2025-11-30T23:00Z.</summary>
    private const string November = "from=2025-11-01&to=2025-12-01";

    internal static async Task<(TestWorkspace Workspace, Guid Invited, Guid LinkOnly)> ArrangeAsync(TouchpointFactory app)
    {
        var workspace = await TestWorkspace.CreateAsync(app, "Europe/Berlin");
        var invited = await workspace.RatedSurveyAsync("Invited survey");
        var linkOnly = await workspace.RatedSurveyAsync("<b>x</b>");
        // Email, in November local time: 20 sent from 00:30 on 1 November (23:30Z the day before), one every day;
        // the first 8 opened, of which the first 5 answered; the next 2 answered half-way; the rest ignored.
        var first = new DateTime(2025, 10, 31, 23, 30, 0, DateTimeKind.Utc);
        for (var i = 0; i < 20; i++)
        {
            await workspace.InvitationAsync(invited, first.AddDays(i), Channel.Email, opened: i < 8, completed: i < 5, partial: i is 8 or 9);
        }

        // Outside November local time: 23:30 on 31 October (22:30Z) and 00:30 on 1 December (23:30Z on 30 November).
        await workspace.InvitationAsync(invited, new DateTime(2025, 10, 31, 22, 30, 0, DateTimeKind.Utc), Channel.Email, opened: true, completed: true);
        await workspace.InvitationAsync(invited, new DateTime(2025, 11, 30, 23, 30, 0, DateTimeKind.Utc), Channel.Email, opened: true, completed: true);
        // Never sent: not counted.
        await workspace.InvitationAsync(invited, null, Channel.Email, suppressed: true);
        // Chat: 4 sent, 1 answered; fewer than the 10 the workspace asks for before it shows a figure.
        for (var i = 0; i < 4; i++)
        {
            await workspace.InvitationAsync(invited, first.AddDays(3 + i), Channel.Chat, opened: i == 0, completed: i == 0);
        }

        // The other survey is only answered through its public link: 3 answers in November, one on 1 December local.
        foreach (var day in new[] { 2, 15, 29 })
        {
            await workspace.RatedAnswerAsync(linkOnly, new DateTime(2025, 11, day, 12, 0, 0, DateTimeKind.Utc), new { score = 4 }, Channel.Web);
        }

        await workspace.RatedAnswerAsync(linkOnly, new DateTime(2025, 11, 30, 23, 30, 0, DateTimeKind.Utc), new { score = 4 }, Channel.Web);
        return (workspace, invited, linkOnly);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Get_NovemberInBerlin_CountsByInvitationSendTimeWithHandComputedWilsonInterval(DatabaseProvider provider)
    {
        var (workspace, invited, linkOnly) = await ArrangeAsync(fixture.App(provider));
        using var client = workspace.Client();

        var rates = await client.GetJsonAsync($"/api/v1/metrics/response-rates?{November}");

        Assert.Equal(new DateTime(2025, 10, 31, 23, 0, 0, DateTimeKind.Utc), rates.GetProperty("from").GetDateTime().ToUniversalTime());
        Assert.Equal(new DateTime(2025, 11, 30, 23, 0, 0, DateTimeKind.Utc), rates.GetProperty("to").GetDateTime().ToUniversalTime());
        var rows = rates.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        var email = rows.Single(r => r.GetString("channel") == "email");
        Assert.Equal(invited, email.GetGuid("surveyId"));
        Assert.Equal(20, email.GetProperty("sent").GetInt32());
        Assert.Equal(8, email.GetProperty("opened").GetInt32());
        Assert.Equal(7, email.GetProperty("started").GetInt32());
        Assert.Equal(2, email.GetProperty("partial").GetInt32());
        Assert.Equal(5, email.GetProperty("completed").GetInt32());
        // p = 5/20 = 0.25, z = 1.96: centre = (0.25 + 3.8415/40) / (1 + 3.8415/20) = 0.34604 / 1.19207 = 0.29028,
        // half-width = 1.96 / 1.19207 x sqrt(0.25 x 0.75 / 20 + 3.8415/1600) = 1.64417 x 0.10852 = 0.17842.
        Assert.Equal(0.25, email.GetProperty("rate").GetDouble(), Precision);
        Assert.Equal(0.1119, email.GetProperty("low").GetDouble(), Precision);
        Assert.Equal(0.4687, email.GetProperty("high").GetDouble(), Precision);
        var chat = rows.Single(r => r.GetString("channel") == "chat");
        Assert.Equal(4, chat.GetProperty("sent").GetInt32());
        Assert.Equal(1, chat.GetProperty("completed").GetInt32());
        Assert.True(chat.IsNull("rate"));
        Assert.Equal("too few invitations", chat.GetString("note"));
        var link = rows.Single(r => r.GetGuid("surveyId") == linkOnly);
        Assert.False(link.GetProperty("invited").GetBoolean());
        Assert.Equal(3, link.GetProperty("completed").GetInt32());
        Assert.True(link.IsNull("rate"));
        Assert.Equal("no invitations", link.GetString("note"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Get_FilteredAndAsCsvWithALowerMinimum_ShowsTheChatRateAndKeepsNamesAsText(DatabaseProvider provider)
    {
        var (workspace, invited, _) = await ArrangeAsync(fixture.App(provider));
        await workspace.SetMinimumAnswersAsync(4);
        using var client = workspace.Client();

        var chat = await client.GetJsonAsync($"/api/v1/metrics/response-rates?{November}&survey={invited}&channel=chat");
        var csv = await client.GetAsync($"/api/v1/metrics/response-rates?{November}&format=csv");

        // 1 of 4, now that 4 invitations are enough: Wilson (0.0456, 0.6994).
        var row = Assert.Single(chat.GetProperty("rows").EnumerateArray());
        Assert.Equal(0.25, row.GetProperty("rate").GetDouble(), Precision);
        Assert.Equal(0.0456, row.GetProperty("low").GetDouble(), Precision);
        Assert.Equal(0.6994, row.GetProperty("high").GetDouble(), Precision);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("survey_id,survey,channel,sent,opened,started,partial,completed,rate,low,high", lines[0]);
        Assert.Contains($"{invited:D},Invited survey,email,20,8,7,2,5,0.25,0.1119,0.4687", lines);
        Assert.Contains(lines, l => l.Contains(",<b>x</b>,no invitation,0,0,3,0,3,no invitations,,", StringComparison.Ordinal));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Get_BadInputOrAnotherWorkspacesSurvey_AreFieldErrorsAndTheirInvitationsStayInvisible(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var (theirs, theirSurvey, _) = await ArrangeAsync(app);
        var workspace = await TestWorkspace.CreateAsync(app);
        using var client = workspace.Client();

        await Problem.AssertFieldAsync(await client.GetAsync("/api/v1/metrics/response-rates?from=yesterday"), HttpStatusCode.BadRequest, "from");
        await Problem.AssertFieldAsync(await client.GetAsync("/api/v1/metrics/response-rates?from=2025-12-01&to=2025-11-01"), HttpStatusCode.BadRequest, "to");
        await Problem.AssertFieldAsync(await client.GetAsync("/api/v1/metrics/response-rates?channel=fax"), HttpStatusCode.BadRequest, "channel");
        await Problem.AssertFieldAsync(await client.GetAsync("/api/v1/metrics/response-rates?format=xml"), HttpStatusCode.BadRequest, "format");
        await Problem.AssertFieldAsync(await client.GetAsync($"/api/v1/metrics/response-rates?survey={theirSurvey}"), HttpStatusCode.BadRequest, "survey");
        var mine = await client.GetJsonAsync($"/api/v1/metrics/response-rates?{November}");
        Assert.Empty(mine.GetProperty("rows").EnumerateArray());
        Assert.NotEqual(theirs.Id, workspace.Id);
    }
}
