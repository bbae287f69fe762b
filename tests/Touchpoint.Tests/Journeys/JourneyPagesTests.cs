using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;
using static Touchpoint.Tests.Journeys.JourneyTestData;

namespace Touchpoint.Tests.Journeys;

/// <summary>The journey pages as people use them: plain forms (no JavaScript needed), encoded names, scores that link to their responses.</summary>
[Collection(AppCollection.Name)]
public sealed partial class JourneyPagesTests(AppFixture fixture)
{
    private const string Hostile = "<b>x</b>";

    [Theory, OnSqlite, OnPostgres]
    public async Task Editor_CreateAddMoveRenameStagesAndTouchPoints_ChangesTheJourney(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (created, _) = await session.SubmitAsync("/journeys", PageSession.Form(("Name", "Returns"), ("Description", "After a purchase")));
        var edit = created.Headers.Location!.OriginalString;
        var id = Guid.Parse(edit.Split('/')[2]);
        await Post(session, edit, "AddStage", ("StageName", "ask"));
        await Post(session, edit, "AddStage", ("StageName", "ship"));
        var ship = Stage(await api.GetJsonAsync($"/api/v1/journeys/{id}"), "ship");
        await Post(session, edit, "MoveStage", ("StageId", ship.ToString()), ("Direction", "up"));
        await Post(session, edit, "RenameStage", ("StageId", ship.ToString()), ("StageName", "send back"));
        await Post(session, edit, "AddTouchPoint", ("StageId", ship.ToString()), ("TouchPointName", "Courier"), ("Channel", "phone"));
        var (_, html) = await session.GetAsync(edit);
        var journey = await api.GetJsonAsync($"/api/v1/journeys/{id}");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(["send back", "ask"], journey.GetProperty("stages").EnumerateArray().Select(s => s.GetString("name")));
        Assert.Equal("phone", journey.GetProperty("stages")[0].GetProperty("touchPoints")[0].GetString("channel"));
        Assert.Contains("Added the touch point Courier.", PageSession.Text(html), StringComparison.Ordinal);
        var audit = await workspace.QueryAsync(db => db.AuditEntries.AsNoTracking().Select(a => a.Action).ToListAsync());
        Assert.Contains("journey.created", audit);
        Assert.Contains("journey.stage.moved", audit);
        Assert.Contains("journey.touch-point.added", audit);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Editor_DeleteStageWhoseTouchPointHasFeedback_SaysToMoveItFirst(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var journey = await CreateJourneyAsync(api, "Loyalty", ("join", [("Club desk", "store")]), ("enjoy", []));
        var survey = (await api.CreateSurveyAsync("csat")).GetGuid("id");
        await AnswerAsync(api, survey, TouchPoint(journey, "Club desk"), DateTime.UtcNow.AddHours(-1), 4);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);
        var edit = $"/journeys/{journey.GetGuid("id")}/edit";

        await Post(session, edit, "DeleteStage", ("StageId", Stage(journey, "join").ToString()));
        var (_, refused) = await session.GetAsync(edit);
        await Post(session, edit, "UpdateTouchPoint", ("TouchPointId", TouchPoint(journey, "Club desk").ToString()), ("TouchPointName", "Club desk"),
            ("Channel", "store"), ("TargetStageId", Stage(journey, "enjoy").ToString()));
        await Post(session, edit, "DeleteStage", ("StageId", Stage(journey, "join").ToString()));
        var after = await api.GetJsonAsync($"/api/v1/journeys/{journey.GetGuid("id")}");

        Assert.Contains("1 responses point at this stage's touch points (Club desk): move those touch points to another stage first.",
            PageSession.Text(refused), StringComparison.Ordinal);
        var stage = Assert.Single(after.GetProperty("stages").EnumerateArray());
        Assert.Equal("enjoy", stage.GetString("name"));
        Assert.Equal("Club desk", stage.GetProperty("touchPoints")[0].GetString("name"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Map_HostileNames_AreShownAsText(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var journey = await CreateJourneyAsync(api, $"Journey {Hostile}", ($"stage {Hostile}", [($"point {Hostile}", "web")]));
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        foreach (var page in new[] { "", "/edit", "/mappings" })
        {
            var (response, html) = await session.GetAsync($"/journeys/{journey.GetGuid("id")}{page}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(Hostile, html, StringComparison.Ordinal);
            Assert.Contains($"stage {Hostile}", PageSession.Text(html), StringComparison.Ordinal);
        }

        var (_, list) = await session.GetAsync("/journeys");
        Assert.DoesNotContain(Hostile, list, StringComparison.Ordinal);
        Assert.Contains($"stage {Hostile}", PageSession.Text(list), StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Map_ScoresLinkToTheirResponses_AndTooFewAnswersShowNoScore(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var journey = await CreateJourneyAsync(api, "Shop", ("buy", [("Till", "store"), ("Kiosk", "store")]));
        var survey = (await api.CreateSurveyAsync("nps")).GetGuid("id");
        var now = DateTime.UtcNow.AddMinutes(-5);
        await AnswerAsync(api, survey, TouchPoint(journey, "Till"), now, 10, 10, 10, 10, 10, 9, 8, 7, 0, 0);
        await AnswerAsync(api, survey, TouchPoint(journey, "Kiosk"), now, 10, 3, 5);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (_, html) = await session.GetAsync($"/journeys/{journey.GetGuid("id")}?days=90&metric=nps");
        var link = ScoreLink().Match(html);
        var (responses, listHtml) = await session.GetAsync(WebUtility.HtmlDecode(link.Groups["href"].Value));

        // Till: 6 promoters, 2 detractors of 10: NPS 40, margin 1.96 x 100 x sqrt((0.8 - 0.16) / 10) = 49.6.
        Assert.True(link.Success, "The score links to its responses.");
        Assert.Equal("40", link.Groups["score"].Value);
        var text = PageSession.Text(html);
        Assert.Contains("± 50 · n = 10", text, StringComparison.Ordinal);
        // Kiosk: three answers, under the minimum of ten: no score, only the count.
        Assert.Matches(@"Too few answers \( ?n = 3 ?, 10 needed\)", text);
        Assert.Contains($"touchpoint={TouchPoint(journey, "Till")}", link.Groups["href"].Value, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, responses.StatusCode);
        Assert.Equal(10, ResponseRow().Count(listHtml));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Map_FlagsOnlyASignificantFall_AndOutlinesItAsAWeakLink(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var journey = await CreateJourneyAsync(api, "Shop", ("buy", [("Till", "store"), ("Kiosk", "store")]));
        var survey = (await api.CreateSurveyAsync("nps")).GetGuid("id");
        var (now, before) = (DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddDays(-40));
        // Till: ten 10s before, then 4 promoters and 4 detractors: from 100 to 0, z = 3.5: a real fall.
        await AnswerAsync(api, survey, TouchPoint(journey, "Till"), before, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10);
        await AnswerAsync(api, survey, TouchPoint(journey, "Till"), now, 10, 10, 9, 9, 8, 7, 6, 5, 3, 0);
        // Kiosk: 8 promoters and 2 detractors (60) before, 9 and 1 (80) now: a rise of 20 within the margins.
        await AnswerAsync(api, survey, TouchPoint(journey, "Kiosk"), before, 10, 10, 10, 10, 10, 10, 10, 10, 0, 0);
        await AnswerAsync(api, survey, TouchPoint(journey, "Kiosk"), now, 10, 10, 10, 10, 10, 10, 10, 10, 10, 0);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (_, html) = await session.GetAsync($"/journeys/{journey.GetGuid("id")}?days=30");
        var text = PageSession.Text(html);

        Assert.Contains("Till (store) Weak link: one of the lowest NPS scores, and fell significantly 0", text, StringComparison.Ordinal);
        Assert.Contains("▼ −100 vs previous (significant)", text, StringComparison.Ordinal);
        Assert.Contains("▶ +20 vs previous (not significant)", text, StringComparison.Ordinal);
        Assert.Single(WeakCard().Matches(html));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Pages_AnAgentOrAnotherWorkspace_CannotEditOrSee(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        var other = await TestWorkspace.CreateAsync(app);
        using var otherApi = other.Client();
        var foreign = (await CreateJourneyAsync(otherApi, "Theirs", ("one", []))).GetGuid("id");
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        using var api = workspace.Client();
        var own = (await api.GetJsonAsync("/api/v1/journeys")).GetProperty("items")[0].GetGuid("id");
        using var owner = new PageSession(app);
        await owner.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);
        using var agentSession = new PageSession(app);
        await agentSession.SignInAsync(agent.Email!, TestWorkspace.Password);

        var (agentEdit, _) = await agentSession.GetAsync($"/journeys/{own}/edit");
        var (agentList, agentListHtml) = await agentSession.GetAsync("/journeys");
        foreach (var page in new[] { "", "/edit", "/mappings" })
        {
            var (response, _) = await owner.GetAsync($"/journeys/{foreign}{page}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, agentEdit.StatusCode);
        Assert.Contains("/denied", agentEdit.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, agentList.StatusCode);
        Assert.DoesNotContain("Create journey", agentListHtml, StringComparison.Ordinal);
    }

    private static async Task Post(PageSession session, string page, string handler, params (string Name, string Value)[] fields)
    {
        var (response, html) = await session.SubmitAsync(page, PageSession.Form(fields), $"{page}?handler={handler}");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{handler} answered {(int)response.StatusCode}: {PageSession.Text(html)}");
    }

    [GeneratedRegex("<a class=\"tp-score\" data-testid=\"touchpoint-score\" href=\"(?<href>[^\"]+)\"[^>]*>(?<score>[^<]+)</a>")]
    private static partial Regex ScoreLink();

    [GeneratedRegex("class=\"tp-card weakest\"")]
    private static partial Regex WeakCard();

    [GeneratedRegex("href=\"/responses/\\d+\"")]
    private static partial Regex ResponseRow();
}
