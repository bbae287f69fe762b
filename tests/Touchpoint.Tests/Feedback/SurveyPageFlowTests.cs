using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Surveys;
using Touchpoint.Tests.Customers;
using Touchpoint.Tests.Infrastructure;
using static Touchpoint.Tests.Infrastructure.PageSession;

namespace Touchpoint.Tests.Feedback;

/// <summary>The survey page as a respondent without JavaScript uses it: page by page, saved as they go, logic on the server.</summary>
[Collection(AppCollection.Name)]
public sealed partial class SurveyPageFlowTests(AppFixture fixture)
{
    private const string Desktop = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36";

    private async Task<(TestWorkspace Workspace, Guid Survey, string Url)> ArrangeAsync(DatabaseProvider provider, bool anonymous = false)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var survey = await api.CreateSurveyAsync();
        var id = survey.GetGuid("id");
        await SurveyDefinitions.UseAsync(workspace, id, SurveyDefinitions.Branching, anonymous);
        return (workspace, id, new Uri(survey.GetString("publicUrl")!).AbsolutePath);
    }

    private static PageSession Visitor(TestWorkspace workspace, string? acceptLanguage = null)
    {
        var visitor = new PageSession(workspace.App);
        visitor.Client.DefaultRequestHeaders.UserAgent.ParseAdd(Desktop);
        if (acceptLanguage is not null)
        {
            visitor.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        return visitor;
    }

    /// <summary>
    /// Posts the form the page rendered, as a browser would: its hidden fields (page, language, resume,
    /// token), the choices already checked (unless <paramref name="answers"/> answers them anew), and the answers.
    /// </summary>
    private static Task<(HttpResponseMessage Response, string Html)> SendAsync(PageSession visitor, string url, string html,
        params (string Name, string Value)[] answers)
    {
        var given = answers.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var checkedChoices = CheckedInput().Matches(html).Select(Field).Where(f => !given.Contains(f.Key));
        return visitor.PostAsync(url, HiddenInput().Matches(html).Select(Field).Concat(checkedChoices).Concat(Form(answers)));
    }

    private static KeyValuePair<string, string> Field(Match m) =>
        new(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value));

    [Theory, OnSqlite, OnPostgres]
    public async Task Promoter_AnswersTwoPages_IsSavedAfterPageOneAndCompletedWithEverything(DatabaseProvider provider)
    {
        var (workspace, survey, url) = await ArrangeAsync(provider);
        using var api = workspace.Client();
        var external = $"c-{Guid.NewGuid():N}";
        var customer = (await api.CreateCustomerAsync(new { externalId = external, name = "Ada Lovelace" })).GetGuid("id");
        using var visitor = Visitor(workspace);

        var (_, first) = await visitor.GetAsync($"{url}?customer={external}&h.plan=gold");
        var (page2, second) = await SendAsync(visitor, url, first, ("nps", "9"));
        var partial = Assert.Single(await SurveyDefinitions.ResponsesAsync(workspace, survey));
        var listedWhilePartial = (await api.GetJsonAsync($"/api/v1/responses?survey={survey}")).GetProperty("items").GetArrayLength();
        var (done, _) = await SendAsync(visitor, url, second, ("liked", "speed"), ("liked", "staff"), ("grid.app", "good"), ("grid.shop", "ok"),
            ("order.a", "2"), ("order.b", "3"), ("order.c", "1"), ("comment", "  Quick  "));

        Assert.Contains("Hi Ada, how likely", Text(first), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page2.StatusCode);
        Assert.Contains("Glad to hear it", Text(second), StringComparison.Ordinal);
        Assert.Contains("You gave 9 (gold). Anything else?", Text(second), StringComparison.Ordinal);
        Assert.Equal(ResponseStatus.InProgress, partial.Status);
        Assert.Equal(0, listedWhilePartial);
        Assert.Equal("great", partial.CurrentPage);
        Assert.Null(partial.Score);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal($"{url}/thanks", done.Headers.Location!.OriginalString);
        var response = Assert.Single(await SurveyDefinitions.ResponsesAsync(workspace, survey));
        Assert.Equal(partial.Id, response.Id);
        Assert.Equal(ResponseStatus.Completed, response.Status);
        Assert.Equal(9, response.Score);
        Assert.Equal("Quick", response.Comment);
        Assert.Equal(customer, response.CustomerId);
        Assert.Equal("desktop", response.Device);
        Assert.Equal("en", response.Language);
        Assert.Equal(2, response.Version);
        Assert.Null(response.ResumeToken);
        Assert.NotNull(response.DurationSeconds);
        Assert.Contains("\"segments\":[]", response.Snapshot, StringComparison.Ordinal);
        var answers = JsonNode.Parse(response.Answers)!;
        Assert.Equal("""["c","a","b"]""", answers["order"]!.ToJsonString());
        Assert.Equal("""["speed","staff"]""", answers["liked"]!.ToJsonString());
        Assert.Equal("gold", answers["plan"]!.GetValue<string>());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Detractor_ChoosesSomethingElse_IsAskedWhatThenFinishes(DatabaseProvider provider)
    {
        var (workspace, survey, url) = await ArrangeAsync(provider);
        using var visitor = Visitor(workspace);

        var (_, first) = await visitor.GetAsync(url);
        var (_, sorry) = await SendAsync(visitor, url, first, ("nps", "3"));
        var (again, revealed) = await SendAsync(visitor, url, sorry, ("why", "other"));
        var (done, _) = await SendAsync(visitor, url, revealed, ("whyOther", "Parcel was wet"));

        Assert.Contains("What went wrong?", Text(sorry), StringComparison.Ordinal);
        Assert.DoesNotContain("What else went wrong?", Text(sorry), StringComparison.Ordinal);
        Assert.DoesNotContain("Glad to hear it", Text(sorry), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("What else went wrong?", Text(revealed), StringComparison.Ordinal);
        Assert.DoesNotContain("There is a problem", Text(revealed), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var (_, thanks) = await visitor.GetAsync(done.Headers.Location!.OriginalString);
        Assert.Contains("Thanks, we will fix it.", Text(thanks), StringComparison.Ordinal);
        Assert.Contains("--primary:#aa3300", thanks, StringComparison.Ordinal);
        Assert.Contains("src=\"https://cdn.example.test/logo.png\"", thanks, StringComparison.Ordinal);
        var response = Assert.Single(await SurveyDefinitions.ResponsesAsync(workspace, survey));
        Assert.Equal(3, response.Score);
        Assert.Equal("Parcel was wet", response.Comment);
        Assert.Equal("""{"nps":3,"why":"other","whyOther":"Parcel was wet"}""", response.Answers);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AnswerForAHiddenQuestion_IsRefusedOnThePageAndNeverStored(DatabaseProvider provider)
    {
        var (workspace, survey, url) = await ArrangeAsync(provider);
        using var visitor = Visitor(workspace);
        var (_, first) = await visitor.GetAsync(url);
        var (_, sorry) = await SendAsync(visitor, url, first, ("nps", "2"));

        var (refused, html) = await SendAsync(visitor, url, sorry, ("why", "price"), ("whyOther", "<script>alert(1)</script>"));
        var (missing, missingHtml) = await SendAsync(visitor, url, sorry, ("fix", "Keep this text"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(AnswerValidator.NotShown, Text(html), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("There is a problem with your answers", Text(missingHtml), StringComparison.Ordinal);
        Assert.Contains("<a href=\"#q-why\">Answer this question.</a>", missingHtml, StringComparison.Ordinal);
        Assert.Contains("Keep this text", missingHtml, StringComparison.Ordinal);
        var response = Assert.Single(await SurveyDefinitions.ResponsesAsync(workspace, survey));
        Assert.Equal(ResponseStatus.InProgress, response.Status);
        Assert.DoesNotContain("whyOther", response.Answers, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ComingBack_ResumesAtTheSavedPageByCookie_AndBackShowsEarlierAnswers(DatabaseProvider provider)
    {
        var (workspace, survey, url) = await ArrangeAsync(provider);
        using var visitor = Visitor(workspace);
        var (_, first) = await visitor.GetAsync(url);
        var (saved, _) = await SendAsync(visitor, url, first, ("nps", "8"));

        var (_, resumed) = await visitor.GetAsync(url);
        using var stranger = Visitor(workspace);
        var (_, fresh) = await stranger.GetAsync(url);
        var (_, back) = await SendAsync(visitor, url, resumed, ("_action", "back"), ("comment", "typed before going back"));

        var cookie = saved.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tp_resume=", StringComparison.Ordinal));
        Assert.Contains($"path={url}", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Glad to hear it", Text(resumed), StringComparison.Ordinal);
        Assert.Contains("How likely", Text(fresh), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Glad to hear it", Text(fresh), StringComparison.Ordinal);
        Assert.Contains("name=\"nps\" value=\"8\" checked=\"checked\"", back, StringComparison.Ordinal);
        var response = Assert.Single(await SurveyDefinitions.ResponsesAsync(workspace, survey));
        Assert.Equal("p1", response.CurrentPage);
        Assert.Contains("typed before going back", response.Answers, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Language_FromTheLinkOrTheBrowser_FallsBackToTheDefault(DatabaseProvider provider)
    {
        var (workspace, _, url) = await ArrangeAsync(provider);
        using var austrian = Visitor(workspace, "de-AT,de;q=0.9,en;q=0.5");
        using var french = Visitor(workspace, "fr-FR");

        var (_, german) = await austrian.GetAsync(url);
        var (_, english) = await french.GetAsync(url);
        var (_, asked) = await french.GetAsync($"{url}?lang=de");
        var (_, sorry) = await SendAsync(french, url, asked, ("nps", "1"));

        Assert.Contains("<html lang=\"de\">", german, StringComparison.Ordinal);
        Assert.Contains("Wie wahrscheinlich empfehlen Sie uns?", Text(german), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("how likely are you to recommend", Text(english), StringComparison.Ordinal);
        Assert.Contains("Was lief schief?", Text(sorry), StringComparison.Ordinal);
        // No German text for the page title: the default language's shows.
        Assert.Contains("Sorry to hear that", Text(sorry), StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Piping_CustomerNameWithMarkup_IsShownEncoded(DatabaseProvider provider)
    {
        var (workspace, _, url) = await ArrangeAsync(provider);
        using var api = workspace.Client();
        var external = $"c-{Guid.NewGuid():N}";
        await api.CreateCustomerAsync(new { externalId = external, name = "<img src=x onerror=alert(1)> Lovelace" });
        using var visitor = Visitor(workspace);

        var (_, html) = await visitor.GetAsync($"{url}?customer={external}");

        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("Hi &lt;img, how likely", html, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Invitation_ScoreLinksOpenedByAScanner_RecordNothing_AndTheRespondentAnswersOnce(DatabaseProvider provider)
    {
        var (workspace, survey, url) = await ArrangeAsync(provider);
        using var api = workspace.Client();
        var customer = (await api.CreateCustomerAsync(new { externalId = $"c-{Guid.NewGuid():N}", name = "Grace Hopper" })).GetGuid("id");
        var invitation = await SurveyDefinitions.InviteAsync(workspace, survey, customer, hidden: """{"plan":"silver"}""", agent: "Ana", orderId: "O-9");
        using var scanner = Visitor(workspace);
        foreach (var score in Enumerable.Range(0, 11))
        {
            var (opened, _) = await scanner.GetAsync($"{url}?t={invitation.Token}&score={score}");
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }

        Assert.Empty(await SurveyDefinitions.ResponsesAsync(workspace, survey));
        using var respondent = Visitor(workspace);
        var (_, first) = await respondent.GetAsync($"{url}?t={invitation.Token}&score=4");
        var (_, sorry) = await SendAsync(respondent, url, first);
        var (done, _) = await SendAsync(respondent, url, sorry, ("why", "service"));
        var (again, againHtml) = await respondent.GetAsync($"{url}?t={invitation.Token}");
        var (replay, _) = await SendAsync(respondent, url, sorry, ("why", "price"));
        var (tampered, tamperedHtml) = await respondent.GetAsync($"{url}?t={invitation.Token}x");
        var (overlong, _) = await respondent.PostAsync(url, Form(("_t", new string('t', 300)), ("nps", "9")));
        var (empty, _) = await respondent.GetAsync($"{url}?t=");

        Assert.Contains("name=\"nps\" value=\"4\" checked=\"checked\"", first, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("You already answered, thank you", Text(againHtml), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);
        Assert.Contains("not valid", Text(tamperedHtml), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, overlong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, empty.StatusCode);
        var response = Assert.Single(await SurveyDefinitions.ResponsesAsync(workspace, survey));
        Assert.Equal(4, response.Score);
        Assert.Equal(customer, response.CustomerId);
        Assert.Equal(invitation.Id, response.InvitationId);
        Assert.Equal("Ana", response.Agent);
        Assert.Equal("O-9", response.OrderId);
        Assert.Equal(Core.Journeys.Channel.Email, response.Channel);
        Assert.Equal("silver", JsonNode.Parse(response.Answers)!["plan"]!.GetValue<string>());
        var marked = await workspace.QueryAsync(db => db.SurveyInvitations.AsNoTracking().SingleAsync(i => i.Id == invitation.Id));
        Assert.Equal(InvitationStatus.Responded, marked.Status);
        Assert.Equal(response.Id, marked.ResponseId);
        Assert.NotNull(marked.OpenedAt);
        Assert.NotNull(marked.RespondedAt);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Invitation_SentFromSeveralTabsAtOnce_StoresOneResponse(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var survey = await api.CreateSurveyAsync();
        var invitation = await SurveyDefinitions.InviteAsync(workspace, survey.GetGuid("id"));
        var url = new Uri(survey.GetString("publicUrl")!).AbsolutePath;
        var tabs = Enumerable.Range(0, 5).Select(_ => Visitor(workspace)).ToList();

        var sent = await Task.WhenAll(tabs.Select((tab, i) => tab.PostAsync(url, Form(("_t", invitation.Token), ("score", $"{i + 5}")))));

        Assert.Single(sent, s => s.Response.StatusCode == HttpStatusCode.Redirect);
        Assert.All(sent.Where(s => s.Response.StatusCode != HttpStatusCode.Redirect),
            s => Assert.Contains("You already answered", Text(s.Html), StringComparison.Ordinal));
        Assert.Single(await SurveyDefinitions.ResponsesAsync(workspace, survey.GetGuid("id")));
        tabs.ForEach(t => t.Dispose());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AnonymousSurvey_KeepsNoIdentity_ButTheInvitationKnowsItWasAnswered(DatabaseProvider provider)
    {
        var (workspace, survey, url) = await ArrangeAsync(provider, anonymous: true);
        using var api = workspace.Client();
        var customer = (await api.CreateCustomerAsync(new { externalId = $"c-{Guid.NewGuid():N}", name = "Alan Turing" })).GetGuid("id");
        var invitation = await SurveyDefinitions.InviteAsync(workspace, survey, customer);
        using var respondent = Visitor(workspace);

        var (_, first) = await respondent.GetAsync($"{url}?t={invitation.Token}");
        var (_, sorry) = await SendAsync(respondent, url, first, ("nps", "0"));
        await SendAsync(respondent, url, sorry, ("why", "price"));
        var (again, againHtml) = await respondent.GetAsync($"{url}?t={invitation.Token}");

        Assert.DoesNotContain("Alan", Text(first), StringComparison.Ordinal);
        Assert.Contains("You already answered", Text(againHtml), StringComparison.Ordinal);
        var response = Assert.Single(await SurveyDefinitions.ResponsesAsync(workspace, survey));
        Assert.Equal(ResponseStatus.Completed, response.Status);
        Assert.Null(response.CustomerId);
        Assert.Null(response.InvitationId);
        Assert.Null(response.Device);
        Assert.Null(response.Snapshot);
        var marked = await workspace.QueryAsync(db => db.SurveyInvitations.AsNoTracking().SingleAsync(i => i.Id == invitation.Id));
        Assert.Equal(InvitationStatus.Responded, marked.Status);
        Assert.Null(marked.ResponseId);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task FirstPageOfTenQuestions_WeighsUnder50KilobytesWithNoScript(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var survey = await api.CreateSurveyAsync();
        var types = new[] { "nps", "csat", "ces", "rating", "nps", "csat", "ces", "rating", "nps", "text" };
        var questions = string.Join(",", types.Select((type, i) =>
            $$"""{"id":"q{{i}}","type":"{{type}}","required":true,"title":"Question {{i}}: how would you rate the {{new string('x', 80)}}?","description":"{{new string('d', 100)}}"}"""));
        await SurveyDefinitions.UseAsync(workspace, survey.GetGuid("id"), $$"""{"pages":[{"id":"p1","questions":[{{questions}}]},{"id":"p2","questions":[{"id":"more","type":"text","title":"More?"}]}]}""");
        using var visitor = Visitor(workspace);

        var (response, html) = await visitor.GetAsync(new Uri(survey.GetString("publicUrl")!).AbsolutePath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(10, Regex.Count(html, "id=\"q-q\\d\""));
        var bytes = System.Text.Encoding.UTF8.GetByteCount(html);
        Assert.True(bytes < 50 * 1024, $"The first page is {bytes} bytes; it must stay under 50 KB.");
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<input type=\"(?:radio|checkbox)\" name=\"([^\"]+)\" value=\"([^\"]*)\" checked=\"checked\"")]
    private static partial Regex CheckedInput();
}
