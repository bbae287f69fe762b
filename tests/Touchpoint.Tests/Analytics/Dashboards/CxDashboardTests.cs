using System.Net;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;
using Touchpoint.Tests.Infrastructure;
using static Touchpoint.Tests.Analytics.Dashboards.DashboardData;

namespace Touchpoint.Tests.Analytics.Dashboards;

/// <summary>The CX manager's home dashboard: scores, filters, comparison, heat map, breakdowns, and each number's drill-down.</summary>
[Collection(AppCollection.Name)]
public sealed class CxDashboardTests(AppFixture fixture)
{
    // January 2026 (31 days) against December 2025, the previous period of the same length.
    private const string January = "from=2026-01-01&to=2026-01-31";

    private static readonly int[] CheckoutScores = [10, 10, 10, 9, 9, 8, 7, 6, 5, 0];
    private static readonly int[] ChatScores = [10, 10, 10, 10, 10, 10, 10, 10, 9, 9];

    /// <summary>
    /// 10 answers at "Checkout on web" (5 promoters, 3 detractors: NPS 20) and 10 at "Live chat" (all promoters:
    /// NPS 100) in January; 12 answers of 3 in December (NPS -100).
    /// </summary>
    private static async Task<(TestWorkspace Workspace, TouchPoint Checkout, TouchPoint Chat)> ArrangeAsync(AppFixture fixture, DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var survey = await workspace.SurveyAsync();
        var checkout = await workspace.TouchPointAsync("Checkout on web");
        var chat = await workspace.TouchPointAsync("Live chat");
        await workspace.AnswersAsync(survey, SurveyMetric.Nps, Utc(2026, 1, 10), CheckoutScores, checkout.Id, Channel.Web);
        await workspace.AnswersAsync(survey, SurveyMetric.Nps, Utc(2026, 1, 20), ChatScores, chat.Id, Channel.Chat);
        await workspace.AnswersAsync(survey, SurveyMetric.Nps, Utc(2025, 12, 15), Enumerable.Repeat(3, 12).ToArray(), checkout.Id, Channel.Web);
        return (workspace, checkout, chat);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Home_Owner_ShowsNpsWithMarginAndSignificantChange(DatabaseProvider provider)
    {
        var (workspace, _, _) = await ArrangeAsync(fixture, provider);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (response, html) = await session.GetAsync($"/?{January}");

        // 15 promoters and 3 detractors of 20: NPS = 100 x (0.75 - 0.15) = 60; variance 0.9 - 0.36 = 0.54,
        // margin 1.96 x 100 x sqrt(0.54 / 20) = 32.2. December: 12 detractors, NPS -100: up 160 points,
        // SE = sqrt((32.2/1.96)^2 + 0) = 16.4, z = 9.7, p < 0.001.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("60", TextOf(html, "nps-score"));
        Assert.Contains("± 32 at 95% confidence · n = 20", PageSession.Text(html));
        var change = ParagraphOf(html, "nps-change");
        Assert.Contains("+160", change);
        Assert.Contains("significant (p = 0.000)", change);
        Assert.Equal("Too few answers", TextOf(html, "csat-score"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Home_FilteredByChannelOrTouchPoint_ShowsThatGroupsScore(DatabaseProvider provider)
    {
        var (workspace, _, chat) = await ArrangeAsync(fixture, provider);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (_, web) = await session.GetAsync($"/?{January}&channel=web");
        var (_, atChat) = await session.GetAsync($"/?{January}&touchpoint={chat.Id}");

        // Web: 5 promoters, 3 detractors of 10 = 20; December's 12 web detractors make the change significant too.
        Assert.Equal("20", TextOf(web, "nps-score"));
        Assert.Contains("significant", ParagraphOf(web, "nps-change"));
        Assert.Equal("100", TextOf(atChat, "nps-score"));
        // The active filter is a chip that removes it, keeping the rest of the view.
        Assert.Contains("Touch point: Live chat", PageSession.Text(atChat));
        Assert.Contains($"href=\"/?from=2026-01-01&amp;to=2026-01-31\"", atChat);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task DrillDown_FromCardsCellsAndRows_ListsExactlyTheAnswersCounted(DatabaseProvider provider)
    {
        var (workspace, checkout, chat) = await ArrangeAsync(fixture, provider);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);
        var (_, html) = await session.GetAsync($"/?{January}&channel=web");
        var purchase = await workspace.StageAsync("purchase");

        // The card (n = 10 on web), the heat map cell of checkout in the purchase stage, and the touch point row.
        var card = LinkOf(html, "nps-score");
        Assert.Equal(10, await DrillCountAsync(session, card));
        var cell = Links(html).Single(l => l.Contains($"touchpoint={checkout.Id}", StringComparison.Ordinal) && l.Contains($"stage={purchase}", StringComparison.Ordinal));
        Assert.Equal(10, await DrillCountAsync(session, cell));
        var (_, all) = await session.GetAsync($"/?{January}");
        var row = Links(all).First(l => l.StartsWith("/responses?", StringComparison.Ordinal) && l.EndsWith($"touchpoint={chat.Id}", StringComparison.Ordinal));
        Assert.Equal(10, await DrillCountAsync(session, row));
        Assert.Equal(20, await DrillCountAsync(session, LinkOf(all, "nps-score")));

        // The responses page shows the filters as chips, each removable.
        var (_, list) = await session.GetAsync(card);
        var text = PageSession.Text(list);
        Assert.Contains("Metric: NPS", text);
        Assert.Contains("Channel: web", text);
        Assert.Contains("From: 2026-01-01", text);
        Assert.Contains("href=\"/responses?from=2026-01-01&amp;to=2026-01-31&amp;channel=web\"", list);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Home_HeatMapAndBreakdowns_ShowEachTouchPointInItsStage(DatabaseProvider provider)
    {
        var (workspace, _, _) = await ArrangeAsync(fixture, provider);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (_, html) = await session.GetAsync($"/?{January}");

        var map = html[html.IndexOf("data-testid=\"heat-map\"", StringComparison.Ordinal)..];
        map = map[..map.IndexOf("</table>", StringComparison.Ordinal)];
        var text = PageSession.Text(map);
        // Stages in journey order as columns (only those with answers); checkout 20 under purchase, chat 100 under interaction.
        Assert.True(text.IndexOf("interaction", StringComparison.Ordinal) < text.IndexOf("purchase", StringComparison.Ordinal));
        Assert.Contains("Live chat 100 ± 0 · n = 10 –", text);
        Assert.Contains("Checkout on web – 20", text);
        Assert.Contains("heat-4", map);
        Assert.Contains("web", PageSession.Text(html[html.IndexOf("breakdown-channel", StringComparison.Ordinal)..]));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Home_CustomerNamedTouchPoint_IsEncodedOnThePageAndNeutralisedInCsv(DatabaseProvider provider)
    {
        var (workspace, checkout, _) = await ArrangeAsync(fixture, provider);
        await workspace.RenameTouchPointAsync(checkout.Id, "<b>x</b>");
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (_, html) = await session.GetAsync($"/?{January}");
        await workspace.RenameTouchPointAsync(checkout.Id, "=HYPERLINK(\"http://evil\",\"x\")");
        var (csvResponse, csv) = await session.GetAsync($"/dashboards/export/touchpoint.csv?{January}");

        Assert.DoesNotContain("<b>x</b>", html);
        Assert.Contains("&lt;b&gt;x&lt;/b&gt;", html);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("touchpoint,metric,score,margin_of_error,n", lines[0]);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",nps,20,54.03,10", lines);
        Assert.Contains("Live chat,nps,100,0,10", lines);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Home_AnotherWorkspacesTouchPoint_IsRefusedAsUnknown(DatabaseProvider provider)
    {
        var (workspace, _, _) = await ArrangeAsync(fixture, provider);
        var other = await TestWorkspace.CreateAsync(workspace.App);
        var theirs = await other.TouchPointAsync("Live chat");
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (_, html) = await session.GetAsync($"/?{January}&touchpoint={theirs.Id}");
        var (csv, _) = await session.GetAsync($"/dashboards/export/trend.csv?{January}&touchpoint={theirs.Id}");

        Assert.Contains("No touch point with this id exists in your workspace.", PageSession.Text(html));
        Assert.Equal("60", TextOf(html, "nps-score"));
        await Problem.AssertFieldAsync(csv, HttpStatusCode.BadRequest, "touchpoint");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Export_Trend_HasOneRowPerWeekWithScoresAndCounts(DatabaseProvider provider)
    {
        var (workspace, _, _) = await ArrangeAsync(fixture, provider);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (_, csv) = await session.GetAsync($"/dashboards/export/trend.csv?{January}");

        // Weeks start on Monday: 10 January 2026 is in the week of 5 January, 20 January in the week of 19 January.
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["week,metric,score,margin_of_error,n", "2026-01-05,nps,20,54.03,10", "2026-01-19,nps,100,0,10"], lines);
    }
}
