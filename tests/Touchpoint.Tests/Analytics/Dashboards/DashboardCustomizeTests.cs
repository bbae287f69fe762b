using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Analytics.Dashboards;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Analytics.Dashboards;

/// <summary>Configurable dashboards through their pages: plain forms, no JavaScript; personal ones stay their owner's.</summary>
[Collection(AppCollection.Name)]
public sealed partial class DashboardCustomizeTests(AppFixture fixture)
{
    private static Task<List<(WidgetKind Kind, SurveyMetric Metric)>> WidgetsAsync(TestWorkspace workspace, Guid id) =>
        workspace.QueryAsync(async db => (await db.DashboardWidgets.AsNoTracking().Where(w => w.DashboardId == id).OrderBy(w => w.Position)
            .ToListAsync()).Select(w => (w.Kind, w.Metric)).ToList());

    private static Guid IdFrom(HttpResponseMessage redirect) =>
        Guid.Parse(DashboardId().Match(redirect.Headers.Location!.ToString()).Groups["id"].Value);

    [Theory, OnSqlite, OnPostgres]
    public async Task Customize_AddMoveRemoveReset_ChangesTheWidgetsInOrder(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var analyst = await workspace.AddMemberAsync(WorkspaceRole.Analyst);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(analyst.Email!, TestWorkspace.Password);

        var (created, _) = await session.SubmitAsync("/dashboards", PageSession.Form(("name", "Mine")));
        var id = IdFrom(created);
        var page = $"/dashboards/{id}/customize";
        var defaults = await WidgetsAsync(workspace, id);
        var (addResponse, addHtml) = await session.SubmitAsync(page, PageSession.Form(("kind", "trend"), ("metric", "ces"), ("dimension", ""), ("title", ""), ("filters", "channel=web")), $"{page}?handler=Add");
        Assert.True(addResponse.StatusCode == HttpStatusCode.Redirect, PageSession.Text(addHtml));
        var added = await WidgetsAsync(workspace, id);
        var last = await workspace.QueryAsync(db => db.DashboardWidgets.Where(w => w.DashboardId == id).OrderByDescending(w => w.Position).Select(w => w.Id).FirstAsync());
        await session.SubmitAsync(page, PageSession.Form(("widgetId", last.ToString()), ("direction", "up")), $"{page}?handler=Move");
        var moved = await WidgetsAsync(workspace, id);
        var first = await workspace.QueryAsync(db => db.DashboardWidgets.Where(w => w.DashboardId == id && w.Position == 0).Select(w => w.Id).FirstAsync());
        await session.SubmitAsync(page, PageSession.Form(("widgetId", first.ToString())), $"{page}?handler=Remove");
        var removed = await WidgetsAsync(workspace, id);
        var (bad, badHtml) = await session.SubmitAsync(page, PageSession.Form(("kind", "pie"), ("metric", "nps")), $"{page}?handler=Add");
        await session.SubmitAsync(page, [], $"{page}?handler=Reset");
        var reset = await WidgetsAsync(workspace, id);

        // An analyst starts from the CX manager's widgets: three score cards, the trend, distribution, heat map, three breakdowns, topics.
        Assert.Equal(10, defaults.Count);
        Assert.Equal((WidgetKind.ScoreCard, SurveyMetric.Nps), defaults[0]);
        Assert.Equal((WidgetKind.Trend, SurveyMetric.Ces), added[^1]);
        Assert.Equal((WidgetKind.Trend, SurveyMetric.Ces), moved[^2]);
        Assert.Equal(defaults.Skip(1).Take(8), removed.Take(8));
        Assert.Equal(10, removed.Count);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("widget.kind: Use scoreCard, trend, distribution, breakdown, heatMap or topTopics.", PageSession.Text(badHtml));
        Assert.Equal(defaults, reset);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PersonalDashboard_OfAnotherMember_IsNotFoundAndCannotBeChanged(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var alice = await workspace.AddMemberAsync(WorkspaceRole.Analyst);
        var bob = await workspace.AddMemberAsync(WorkspaceRole.Manager);
        using var aliceSession = new PageSession(workspace.App);
        await aliceSession.SignInAsync(alice.Email!, TestWorkspace.Password);
        var (created, _) = await aliceSession.SubmitAsync("/dashboards", PageSession.Form(("name", "Alice <script>x</script>")));
        var id = IdFrom(created);
        using var bobSession = new PageSession(workspace.App);
        await bobSession.SignInAsync(bob.Email!, TestWorkspace.Password);

        var (view, _) = await bobSession.GetAsync($"/dashboards/{id}");
        var (customize, _) = await bobSession.GetAsync($"/dashboards/{id}/customize");
        var (_, list) = await bobSession.GetAsync("/dashboards");
        var (_, aliceList) = await aliceSession.GetAsync("/dashboards");
        var (aliceView, aliceHtml) = await aliceSession.GetAsync($"/dashboards/{id}");

        Assert.Equal(HttpStatusCode.NotFound, view.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, customize.StatusCode);
        Assert.DoesNotContain("Alice", list);
        Assert.Contains("Alice &lt;script&gt;x&lt;/script&gt;", aliceList);
        Assert.DoesNotContain("<script>x</script>", aliceHtml);
        Assert.Equal(HttpStatusCode.OK, aliceView.StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SaveAsMine_FromASharedDashboard_MakesAPersonalCopy(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var manager = await workspace.AddMemberAsync(WorkspaceRole.Manager);
        using var owner = new PageSession(workspace.App);
        await owner.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);
        var (created, _) = await owner.SubmitAsync("/dashboards", PageSession.Form(("name", "Company"), ("shared", "true")));
        var shared = IdFrom(created);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(manager.Email!, TestWorkspace.Password);

        var (_, readOnly) = await session.GetAsync($"/dashboards/{shared}/customize");
        var (forbidden, _) = await session.SubmitAsync($"/dashboards/{shared}/customize", PageSession.Form(("widgetId", Guid.NewGuid().ToString())),
            $"/dashboards/{shared}/customize?handler=Remove");
        var (copied, _) = await session.SubmitAsync($"/dashboards/{shared}/customize", PageSession.Form(("name", "")), $"/dashboards/{shared}/customize?handler=Copy");
        var copy = IdFrom(copied);

        Assert.Contains("save a copy as your own to change it", PageSession.Text(readOnly));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var row = await workspace.QueryAsync(db => db.Dashboards.AsNoTracking().SingleAsync(d => d.Id == copy));
        Assert.Equal("My Company", row.Name);
        Assert.Equal(manager.Id, row.OwnerId);
        Assert.False(row.Shared);
        Assert.Equal(await WidgetsAsync(workspace, shared), await WidgetsAsync(workspace, copy));
    }

    [GeneratedRegex("/dashboards/(?<id>[0-9a-f-]{36})")]
    private static partial Regex DashboardId();
}
