using System.Net;
using System.Text.RegularExpressions;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;
using static Touchpoint.Tests.Infrastructure.PageSession;

namespace Touchpoint.Tests.Surveys;

/// <summary>The anonymous page at a survey's public link: shows the question, takes an answer, refuses bad ones.</summary>
[Collection(AppCollection.Name)]
public sealed class PublicSurveyPageTests(AppFixture fixture)
{
    private async Task<(TestWorkspace Workspace, HttpClient Api, Guid Id, string Url)> ArrangeAsync(DatabaseProvider provider, string metric = "nps")
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var api = workspace.Client();
        var survey = await api.CreateSurveyAsync(metric);
        return (workspace, api, survey.GetGuid("id"), new Uri(survey.GetString("publicUrl")!).PathAndQuery);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PublicPage_NpsSurvey_ShowsTheQuestionWithElevenChoicesFrom0To10(DatabaseProvider provider)
    {
        var (workspace, _, _, url) = await ArrangeAsync(provider);
        using var visitor = new PageSession(workspace.App);

        var (response, html) = await visitor.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"How likely are you to recommend {workspace.Workspace.Name} to a friend or colleague?", Text(html), StringComparison.Ordinal);
        var choices = Regex.Matches(html, "<input type=\"radio\" name=\"score\" value=\"(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Enumerable.Range(0, 11), choices);
        Assert.Contains("0 = Not at all likely", Text(html), StringComparison.Ordinal);
        Assert.Contains("10 = Extremely likely", Text(html), StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PublicPage_AnswerPosted_ThanksTheVisitorAndTheAnswerIsListed(DatabaseProvider provider)
    {
        var (workspace, api, id, url) = await ArrangeAsync(provider);
        using var visitor = new PageSession(workspace.App);

        var (response, _) = await visitor.PostAsync(url, Form(("Score", "9"), ("Comment", "  Quick delivery  ")));
        var (thanks, thanksHtml) = await visitor.GetAsync(response.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(url + "/thanks", response.Headers.Location.OriginalString);
        Assert.Equal(HttpStatusCode.OK, thanks.StatusCode);
        Assert.Contains("Thank you", Text(thanksHtml), StringComparison.Ordinal);
        var listed = Assert.Single((await api.GetJsonAsync($"/api/v1/responses?survey={id}")).GetProperty("items").EnumerateArray());
        Assert.Equal(9, listed.GetProperty("score").GetInt32());
        Assert.Equal("Quick delivery", listed.GetString("comment"));
        Assert.Equal("web", listed.GetString("channel"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PublicPage_ScoreOutOfRange_Returns400WithTheRangeAndStoresNothing(DatabaseProvider provider)
    {
        var (workspace, api, id, url) = await ArrangeAsync(provider, "csat");
        using var visitor = new PageSession(workspace.App);

        var (tooHigh, html) = await visitor.PostAsync(url, Form(("Score", "6")));
        var (missing, missingHtml) = await visitor.PostAsync(url, Form(("Comment", "I forgot to choose")));
        var (word, _) = await visitor.PostAsync(url, Form(("Score", "five")));

        Assert.Equal(HttpStatusCode.BadRequest, tooHigh.StatusCode);
        Assert.Contains("1 to 5", Text(html), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("I forgot to choose", missingHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, word.StatusCode);
        Assert.Equal(0, (await api.GetJsonAsync($"/api/v1/responses?survey={id}")).GetProperty("items").GetArrayLength());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PublicPage_UnknownLink_Returns404WithAReadableMessage(DatabaseProvider provider)
    {
        using var visitor = new PageSession(fixture.App(provider));

        var (response, html) = await visitor.GetAsync("/s/no-such-link-123");
        var (posted, _) = await visitor.PostAsync("/s/no-such-link-123", Form(("Score", "10")));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not available", Text(html), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PublicPage_CommentWithMarkup_IsShownEncodedToTheTeam(DatabaseProvider provider)
    {
        var (workspace, _, id, url) = await ArrangeAsync(provider);
        using var visitor = new PageSession(workspace.App);
        await visitor.PostAsync(url, Form(("Score", "3"), ("Comment", "<script>alert('x')</script>")));
        using var team = new PageSession(workspace.App);
        await team.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (response, html) = await team.GetAsync($"/surveys/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>alert('x')</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PublicPage_BodyOverThePublicLimit_Returns413AndStoresNothing(DatabaseProvider provider)
    {
        var (workspace, api, id, url) = await ArrangeAsync(provider);
        using var visitor = new PageSession(workspace.App);

        // The public limit is 64 KB: far below the API's 1 MB, since anyone can post here.
        var (response, _) = await visitor.PostAsync(url, Form(("Score", "10"), ("Comment", new string('x', 70 * 1024))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, (await api.GetJsonAsync($"/api/v1/responses?survey={id}")).GetProperty("items").GetArrayLength());
    }
}
