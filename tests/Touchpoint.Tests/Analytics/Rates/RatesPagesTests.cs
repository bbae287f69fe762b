using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Segments;
using Touchpoint.Core.Surveys;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Analytics.Rates;

/// <summary>The survey page's results, the dashboard's response rates, and the Responses page's export honouring its filters.</summary>
[Collection(AppCollection.Name)]
public sealed partial class RatesPagesTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task SurveyPage_WithInvitationsAndRatings_ShowsRateAndEncodedQuestionWithMean(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        await workspace.SetMinimumAnswersAsync(4);
        var survey = await workspace.RatedSurveyAsync();
        var sent = DateTime.UtcNow.AddDays(-3);
        // 4 email invitations, 1 answered: 25%. Stars 5, 4, 4, 3 from link answers: mean 4.
        for (var i = 0; i < 4; i++)
        {
            await workspace.InvitationAsync(survey, sent.AddMinutes(i), Channel.Email, opened: i < 2, completed: i == 0);
        }

        foreach (var stars in new[] { 5, 4, 4, 3 })
        {
            await workspace.RatedAnswerAsync(survey, sent.AddHours(1), new { score = 4, stars });
        }

        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (response, html) = await session.GetAsync($"/surveys/{survey}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("&lt;b&gt;x&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>x</b>", html, StringComparison.Ordinal);
        var text = PageSession.Text(html);
        // Wilson 1/4: 4.6% to 69.9%.
        Assert.Contains("25% (4.6% – 69.9%)", text, StringComparison.Ordinal);
        // Stars 5 4 4 3: mean 4, s = sqrt(2/3) = 0.82, margin t(0.975, 3) x 0.8165 / 2 = 3.18245 x 0.40825 = 1.30.
        Assert.Contains("4.00 ± 1.30 · sd 0.82", text, StringComparison.Ordinal);
        Assert.Contains("Link or web intercept", text, StringComparison.Ordinal);
        Assert.Contains($"href=\"/responses?survey={survey:D}&amp;from=", html, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SurveyPage_NoRatingQuestionsNoInvitations_SaysSoAndAnotherWorkspacesSurveyIsNotFound(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        var other = await TestWorkspace.CreateAsync(app);
        var plain = (await workspace.Client().CreateSurveyAsync("nps")).GetGuid("id");
        var theirs = await other.RatedSurveyAsync();
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (response, html) = await session.GetAsync($"/surveys/{plain}");
        var (notFound, _) = await session.GetAsync($"/surveys/{theirs}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = PageSession.Text(html);
        Assert.Contains("This survey asks no rating questions besides its headline score.", text, StringComparison.Ordinal);
        Assert.Contains("No invitations were sent and no answers came in", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Dashboard_CustomNovemberInBerlin_ListsResponseRatesPerSurveyEncoded(DatabaseProvider provider)
    {
        var (workspace, _, _) = await ResponseRatesApiTests.ArrangeAsync(fixture.App(provider));
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (response, html) = await session.GetAsync("/?from=2025-11-01&to=2025-11-30");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"response-rates\"", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;x&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>x</b>", html, StringComparison.Ordinal);
        var text = PageSession.Text(html);
        Assert.Contains("Invited survey Email 20 8 2 5 25% (11.2% – 46.9%)", text, StringComparison.Ordinal);
        Assert.Contains("too few invitations (under 10)", text, StringComparison.Ordinal);
        Assert.Contains("no invitations", text, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ResponsesExport_FromAFilteredDrillDown_HoldsExactlyTheListedAnswers(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider), "Europe/Berlin");
        var segment = await workspace.QueryAsync(async db =>
        {
            var made = new Segment { Name = "Loyal", Kind = SegmentKind.Static, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Segments.Add(made);
            await db.SaveChangesAsync();
            return made.Id;
        });
        var nps = await workspace.RatedSurveyAsync("NPS-ish");
        var at = new DateTime(2025, 11, 10, 12, 0, 0, DateTimeKind.Utc);
        // Listed: 4 NPS answers by Ann in the segment. Not listed: Bob's, Ann's outside the segment, Ann's CSAT, Ann's on 1 December local.
        await AnswersAsync(workspace, nps, SurveyMetric.Nps, at, "Ann", segment, 4);
        await AnswersAsync(workspace, nps, SurveyMetric.Nps, at, "Bob", segment, 3);
        await AnswersAsync(workspace, nps, SurveyMetric.Nps, at, "Ann", null, 2);
        await AnswersAsync(workspace, nps, SurveyMetric.Csat, at, "Ann", segment, 2);
        await AnswersAsync(workspace, nps, SurveyMetric.Nps, new DateTime(2025, 11, 30, 23, 30, 0, DateTimeKind.Utc), "Ann", segment, 1);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (_, html) = await session.GetAsync($"/responses?metric=nps&agent=Ann&segment={segment}&from=2025-11-01&to=2025-11-30");
        var csvLink = System.Net.WebUtility.HtmlDecode(ExportLink().Match(html).Groups[1].Value);
        var jsonLink = csvLink.Replace("format=csv", "format=json", StringComparison.Ordinal);
        using var export = await session.Client.GetAsync(jsonLink);

        Assert.Contains("4 responses match.", PageSession.Text(html), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var rows = JsonDocument.Parse(await export.Content.ReadAsStringAsync());
        Assert.Equal(4, rows.RootElement.GetArrayLength());
        Assert.Contains("agent=Ann", csvLink, StringComparison.Ordinal);
        Assert.Contains($"segment={segment:D}", csvLink, StringComparison.Ordinal);
    }

    private static Task<int> AnswersAsync(TestWorkspace workspace, Guid survey, SurveyMetric metric, DateTime at, string agent, Guid? segment,
        int count) =>
        workspace.QueryAsync(async db =>
        {
            var snapshot = segment is { } id ? JsonSerializer.Serialize(new { segments = new[] { id.ToString("D") }, persona = (string?)null }) : null;
            db.Responses.AddRange(Enumerable.Range(0, count).Select(_ => new Response
            {
                SurveyId = survey,
                Metric = metric,
                Score = 9,
                Agent = agent,
                Snapshot = snapshot,
                Status = ResponseStatus.Completed,
                StartedAt = at,
                SubmittedAt = at,
                Notified = true,
            }));
            return await db.SaveChangesAsync();
        });

    [GeneratedRegex("href=\"(/responses/export\\?format=csv[^\"]*)\"")]
    private static partial Regex ExportLink();
}
