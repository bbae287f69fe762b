using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;
using Touchpoint.Tests.Infrastructure;
using static Touchpoint.Tests.Analytics.Dashboards.DashboardData;

namespace Touchpoint.Tests.Analytics.Dashboards;

/// <summary>Read-only share links: scores and counts without sign-in and without personal data; revocable, expiring, unforgeable.</summary>
[Collection(AppCollection.Name)]
public sealed partial class ShareLinkTests(AppFixture fixture)
{
    private const string Comment = "Ana Secret hated the checkout";

    private sealed record Shared(TestWorkspace Workspace, PageSession Owner, Guid Dashboard, string Url, string AgentName);

    /// <summary>
    /// A dashboard saved on January 2026 with an NPS card, an agent breakdown and a touch point breakdown; 10 web
    /// answers naming an agent, one with a customer's comment; a link made through the customize page.
    /// </summary>
    private static async Task<Shared> ArrangeAsync(AppFixture fixture, DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var survey = await workspace.SurveyAsync();
        var checkout = await workspace.TouchPointAsync("Checkout on web");
        const string agent = "Agent Olga Private";
        await workspace.AnswersAsync(survey, SurveyMetric.Nps, Utc(2026, 1, 10), [10, 10, 10, 9, 9, 8, 7, 6, 5, 0], checkout.Id, Channel.Web, agent);
        await workspace.QueryAsync(async db =>
        {
            var one = await db.Responses.FirstAsync();
            one.Comment = Comment;
            return await db.SaveChangesAsync();
        });
        using var client = workspace.Client();
        var created = await client.PostJsonAsync("/api/v1/dashboards", new
        {
            name = "Board <b>view</b>",
            filters = "from=2026-01-01&to=2026-01-31",
            widgets = new object[]
            {
                new { kind = "scoreCard", metric = "nps" },
                new { kind = "breakdown", metric = "nps", dimension = "agent" },
                new { kind = "breakdown", metric = "nps", dimension = "touchPoint" },
            },
        }, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var owner = new PageSession(workspace.App);
        await owner.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);
        var page = $"/dashboards/{id}/customize";
        var (made, _) = await owner.SubmitAsync(page, PageSession.Form(("days", "7")), $"{page}?handler=Share");
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var (_, html) = await owner.GetAsync(page);
        var url = WebUtility.HtmlDecode(ShareUrl().Match(html).Groups["url"].Value);
        return new Shared(workspace, owner, id, new Uri(url).PathAndQuery, agent);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SharedLink_WithoutSignIn_ShowsScoresAndNoPersonalData(DatabaseProvider provider)
    {
        var shared = await ArrangeAsync(fixture, provider);
        using var anonymous = new PageSession(shared.Workspace.App);

        var (response, html) = await anonymous.GetAsync(shared.Url);

        // 5 promoters, 3 detractors of 10 web answers: NPS 20, as on the dashboard.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("20", TextOf(html, "nps-score"));
        Assert.Contains("Checkout on web", html);
        Assert.Contains("Board &lt;b&gt;view&lt;/b&gt;", html);
        Assert.DoesNotContain(shared.AgentName, html);
        Assert.DoesNotContain("Ana Secret", html);
        Assert.DoesNotContain("/responses?", html);
        Assert.Contains("Agents are people: their names are not shown on a shared link.", PageSession.Text(html));
        shared.Owner.Dispose();
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SharedLink_RevokedExpiredOrForged_IsNotFound(DatabaseProvider provider)
    {
        var shared = await ArrangeAsync(fixture, provider);
        using var anonymous = new PageSession(shared.Workspace.App);
        var token = shared.Url["/shared/".Length..];
        var forged = token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA");

        var (forgedResponse, _) = await anonymous.GetAsync($"/shared/{forged}");
        var (madeUp, _) = await anonymous.GetAsync($"/shared/{Guid.NewGuid():N}");
        var linkId = await shared.Workspace.QueryAsync(db => db.DashboardShareLinks.Where(l => l.DashboardId == shared.Dashboard).Select(l => l.Id).SingleAsync());
        var page = $"/dashboards/{shared.Dashboard}/customize";
        await shared.Owner.SubmitAsync(page, PageSession.Form(("linkId", linkId.ToString())), $"{page}?handler=Revoke");
        var (revoked, _) = await anonymous.GetAsync(shared.Url);
        // A second link, then made to have expired.
        await shared.Owner.SubmitAsync(page, PageSession.Form(("days", "1")), $"{page}?handler=Share");
        var (_, html) = await shared.Owner.GetAsync(page);
        var second = new Uri(WebUtility.HtmlDecode(ShareUrl().Match(html).Groups["url"].Value)).PathAndQuery;
        var (beforeExpiry, _) = await anonymous.GetAsync(second);
        await shared.Workspace.QueryAsync(async db =>
        {
            var link = await db.DashboardShareLinks.SingleAsync(l => l.DashboardId == shared.Dashboard && l.RevokedAt == null);
            link.ExpiresAt = DateTime.UtcNow.AddMinutes(-1);
            return await db.SaveChangesAsync();
        });
        var (expired, _) = await anonymous.GetAsync(second);

        Assert.Equal(HttpStatusCode.NotFound, forgedResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, madeUp.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, beforeExpiry.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        var audit = await shared.Workspace.QueryAsync(db => db.AuditEntries.Where(a => a.Target == $"dashboard:{shared.Dashboard}").Select(a => a.Action).ToListAsync());
        Assert.Equal(2, audit.Count(a => a == "dashboard.link.created"));
        Assert.Contains("dashboard.link.revoked", audit);
        shared.Owner.Dispose();
    }

    [GeneratedRegex("value=\"(?<url>[^\"]*/shared/[^\"]+)\"")]
    private static partial Regex ShareUrl();
}
