using System.Net;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;
using Touchpoint.Tests.Infrastructure;
using static Touchpoint.Tests.Analytics.Dashboards.DashboardData;

namespace Touchpoint.Tests.Analytics.Dashboards;

/// <summary>Each role opens its own home dashboard, sees its own people's figures, and never another's.</summary>
[Collection(AppCollection.Name)]
public sealed class RoleDashboardTests(AppFixture fixture)
{
    private const string January = "from=2026-01-01&to=2026-01-31";

    private sealed record World(TestWorkspace Workspace, User Agent, User OtherAgent, User Manager, Guid MyTeam, Guid OtherTeam);

    /// <summary>
    /// Two teams. "Mine" (the manager and the agent): 10 answers naming the agent, all 9-10 (NPS 100), after its
    /// conversation. "Theirs" (the other agent): 10 answers naming them, all 0 (NPS -100). A case open in each team,
    /// owned by each agent, and a resolved one.
    /// </summary>
    private static async Task<World> ArrangeAsync(AppFixture fixture, DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        var other = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        var manager = await workspace.AddMemberAsync(WorkspaceRole.Manager);
        var (mine, myChat) = await workspace.TeamAsync("Billing <i>team</i>", agent.Id, manager.Id);
        var (theirs, theirChat) = await workspace.TeamAsync("Returns", other.Id);
        var survey = await workspace.SurveyAsync();
        await workspace.AnswersAsync(survey, SurveyMetric.Nps, Utc(2026, 1, 12), [10, 10, 10, 10, 10, 9, 9, 9, 9, 9], agent: agent.DisplayName, conversation: myChat);
        await workspace.AnswersAsync(survey, SurveyMetric.Nps, Utc(2026, 1, 13), Enumerable.Repeat(0, 10).ToArray(), agent: other.DisplayName, conversation: theirChat);
        await workspace.QueryAsync(async db =>
        {
            var number = 100;
            Case Open(string title, Guid team, Guid owner, CaseStatus status = CaseStatus.New) => new()
            {
                Number = number++,
                Title = title,
                ReplyToken = Guid.NewGuid().ToString("N")[..20],
                TeamId = team,
                OwnerId = owner,
                Status = status,
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            };
            db.Cases.AddRange(
                Open("Refund <script>late</script>", mine, agent.Id),
                Open("Wrong size", theirs, other.Id),
                Open("Old issue", mine, agent.Id, CaseStatus.Resolved));
            return await db.SaveChangesAsync();
        });
        return new World(workspace, agent, other, manager, mine, theirs);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Home_Agent_SeesOwnScoresAndOpenCasesOnly(DatabaseProvider provider)
    {
        var world = await ArrangeAsync(fixture, provider);
        using var session = new PageSession(world.Workspace.App);
        await session.SignInAsync(world.Agent.Email!, TestWorkspace.Password);

        var (response, html) = await session.GetAsync($"/?{January}");
        // Asking for another person's answers or for the CX view changes nothing: the view is their own.
        var (_, asked) = await session.GetAsync($"/?{January}&view=cx&agent={Uri.EscapeDataString(world.OtherAgent.DisplayName)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("100", TextOf(html, "nps-score"));
        Assert.Contains("n = 10", PageSession.Text(html));
        Assert.Equal("1", TextOf(html, "open-cases-count"));
        Assert.Contains("Refund &lt;script&gt;late&lt;/script&gt;", html);
        Assert.DoesNotContain("Wrong size", html);
        Assert.DoesNotContain("heat-map", html);
        Assert.Equal("100", TextOf(asked, "nps-score"));
        Assert.DoesNotContain("heat-map", asked);
        Assert.Contains("Your role can open: agent", PageSession.Text(asked));
        // The agent's number drills down to their own 10 answers.
        Assert.Equal(10, await DrillCountAsync(session, LinkOf(html, "nps-score")));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Home_Manager_SeesTheirTeamsAndAgentsButNotOthers(DatabaseProvider provider)
    {
        var world = await ArrangeAsync(fixture, provider);
        using var session = new PageSession(world.Workspace.App);
        await session.SignInAsync(world.Manager.Email!, TestWorkspace.Password);

        var (_, html) = await session.GetAsync($"/?{January}");
        var (_, cx) = await session.GetAsync($"/?{January}&view=cx");
        var (_, other) = await session.GetAsync($"/?{January}&team={world.OtherTeam}");
        var (csv, csvText) = await session.GetAsync($"/dashboards/export/agents.csv?{January}");
        var (cxCsv, _) = await session.GetAsync($"/dashboards/export/touchpoint.csv?{January}&view=cx");

        var teams = PageSession.Text(html[html.IndexOf("teams-table", StringComparison.Ordinal)..html.IndexOf("agents-title", StringComparison.Ordinal)]);
        Assert.Contains("Billing <i>team</i> 100", teams);
        Assert.Contains("Billing &lt;i&gt;team&lt;/i&gt;", html);
        Assert.DoesNotContain("Returns", teams);
        var agents = PageSession.Text(html[html.IndexOf("agents-table", StringComparison.Ordinal)..]);
        Assert.Contains($"{world.Agent.DisplayName} 100", agents);
        Assert.DoesNotContain(world.OtherAgent.DisplayName, agents);
        Assert.Equal("1", TextOf(html, "open-cases-count"));
        Assert.DoesNotContain("Wrong size", html);
        // The CX view is above a manager; another team is not theirs to see.
        Assert.DoesNotContain("heat-map", cx);
        Assert.Contains("Your role can open: team, agent", PageSession.Text(cx));
        Assert.Contains("You manage other teams; pick one of yours.", PageSession.Text(other));
        Assert.DoesNotContain("Returns 0", PageSession.Text(other));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal($"agent,nps,nps_n,csat,csat_n,ces,ces_n\r\n{world.Agent.DisplayName},100,10,,0,,0\r\n{world.Manager.DisplayName},,0,,0,,0\r\n"
            .Split("\r\n").Order(StringComparer.Ordinal), csvText.Split("\r\n").Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, cxCsv.StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Home_Owner_CanChooseTheTeamViewOfEveryTeam(DatabaseProvider provider)
    {
        var world = await ArrangeAsync(fixture, provider);
        using var session = new PageSession(world.Workspace.App);
        await session.SignInAsync(world.Workspace.Owner.Email!, TestWorkspace.Password);

        var (_, html) = await session.GetAsync($"/?{January}&view=team");

        var teams = PageSession.Text(html[html.IndexOf("teams-table", StringComparison.Ordinal)..html.IndexOf("agents-title", StringComparison.Ordinal)]);
        Assert.Contains("Billing <i>team</i> 100", teams);
        Assert.Contains("Returns -100", teams);
        Assert.Equal("2", TextOf(html, "open-cases-count"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Home_Employee_HasNoDashboard(DatabaseProvider provider)
    {
        var world = await ArrangeAsync(fixture, provider);
        var employee = await world.Workspace.AddMemberAsync(WorkspaceRole.Employee);
        using var session = new PageSession(world.Workspace.App);
        await session.SignInAsync(employee.Email!, TestWorkspace.Password);

        var (_, html) = await session.GetAsync($"/?{January}");

        Assert.Contains("does not include a dashboard", PageSession.Text(html));
        Assert.DoesNotContain("nps-score", html);
    }
}
