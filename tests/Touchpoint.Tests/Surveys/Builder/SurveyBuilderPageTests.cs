using System.Net;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Surveys.Builder;

/// <summary>The builder and import pages without JavaScript: plain form posts of the definition JSON and SurveyJS JSON.</summary>
[Collection(AppCollection.Name)]
public sealed class SurveyBuilderPageTests(AppFixture fixture)
{
    private const string Definition = """
    { "defaultLanguage": "en", "languages": ["en"],
      "pages": [ { "id": "p1", "questions": [
        { "id": "score", "type": "ces", "title": "It was easy to <script>alert(1)</script> return my order.", "required": true } ] } ] }
    """;

    [Theory, OnSqlite, OnPostgres]
    public async Task EditPage_PostedJson_SavesNewVersionAndShowsTextEncoded(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var id = (await api.CreateSurveyAsync("nps", "Returns")).GetGuid("id");
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (saved, _) = await session.SubmitAsync($"/surveys/{id}/edit", PageSession.Form(("Name", "Returns CES"), ("Status", "Closed"),
            ("QuarantineDays", "14"), ("ReminderAfterDays", ""), ("TouchPointId", ""), ("Definition", Definition)));
        var (_, html) = await session.GetAsync($"/surveys/{id}/edit");
        var survey = await api.GetJsonAsync($"/api/v1/surveys/{id}");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(2, survey.GetProperty("version").GetInt32());
        Assert.Equal("ces", survey.GetString("metric"));
        Assert.Equal("closed", survey.GetString("status"));
        Assert.Equal(14, survey.GetProperty("quarantineDays").GetInt32());
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("It was easy to &lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task EditPage_InvalidDefinition_ShowsPathsAndKeepsWhatWasTyped(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var id = (await api.CreateSurveyAsync("nps", "Kept")).GetGuid("id");
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);
        var broken = Definition.Replace("\"ces\"", "\"rating\"", StringComparison.Ordinal);

        var (response, html) = await session.SubmitAsync($"/surveys/{id}/edit", PageSession.Form(("Name", "Changed"), ("Status", "Live"),
            ("Definition", broken)));
        var survey = await api.GetJsonAsync($"/api/v1/surveys/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("NPS, CSAT or CES", PageSession.Text(html), StringComparison.Ordinal);
        Assert.Contains("&quot;rating&quot;", html, StringComparison.Ordinal);
        Assert.Equal("Kept", survey.GetString("name"));
        Assert.Equal(1, survey.GetProperty("version").GetInt32());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SurveysPage_ImportSurveyJs_CreatesSurveyAndOpensTheBuilder(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);
        const string json = """
        { "title": "Store visit", "elements": [
          { "type": "rating", "name": "satisfied", "title": "How satisfied were you?", "rateMax": 5 },
          { "type": "file", "name": "receipt" } ] }
        """;

        var (created, _) = await session.SubmitAsync("/surveys", PageSession.Form(("ImportName", ""), ("ImportJson", json)), "/surveys?handler=Import");
        var (_, builder) = await session.GetAsync(created.Headers.Location!.OriginalString);
        var (invalid, invalidHtml) = await session.SubmitAsync("/surveys", PageSession.Form(("ImportJson", "{ not json")), "/surveys?handler=Import");
        var surveys = await api.GetJsonAsync("/api/v1/surveys");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Matches("^/surveys/[0-9a-f-]{36}/edit$", created.Headers.Location!.OriginalString);
        Assert.Contains("skipped", PageSession.Text(builder), StringComparison.Ordinal);
        Assert.Contains("receipt", PageSession.Text(builder), StringComparison.Ordinal);
        var only = Assert.Single(surveys.GetProperty("items").EnumerateArray());
        Assert.Equal("Store visit", only.GetString("name"));
        Assert.Equal("csat", only.GetString("metric"));
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("not valid JSON", PageSession.Text(invalidHtml), StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task EditPage_AgentRole_IsRefused(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var id = (await api.CreateSurveyAsync("nps")).GetGuid("id");
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(agent.Email!, TestWorkspace.Password);

        var (response, _) = await session.GetAsync($"/surveys/{id}/edit");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
