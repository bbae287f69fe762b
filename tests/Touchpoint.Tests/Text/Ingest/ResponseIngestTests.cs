using System.Net;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Text.Storage;
using Touchpoint.Tests.Customers;
using Touchpoint.Tests.Infrastructure;
using static Touchpoint.Tests.Infrastructure.PageSession;

namespace Touchpoint.Tests.TextAnalysis.Ingest;

/// <summary>Every completed response's comment is analysed as it is stored, whichever way it arrives, and shown with it.</summary>
[Collection(AppCollection.Name)]
public sealed class ResponseIngestTests(AppFixture fixture)
{
    internal const string Angry = "I had to call three times about my refund and I'm furious. I will cancel my account.";
    internal const string Happy = "Anna was fantastic and the jumper is lovely. Thank you!";

    [Theory, OnSqlite, OnPostgres]
    public async Task SurveyPage_NegativeComment_IsStoredWithItsAnalysisAndShownOnTheResponse(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var api = workspace.Client();
        var survey = await api.CreateSurveyAsync();
        using var visitor = new PageSession(workspace.App);

        var (posted, _) = await visitor.PostAsync(new Uri(survey.GetString("publicUrl")!).AbsolutePath, Form(("Score", "2"), ("Comment", Angry)));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var listed = Assert.Single((await api.GetJsonAsync($"/api/v1/responses?survey={survey.GetGuid("id")}")).GetProperty("items").EnumerateArray());
        var analysis = listed.GetProperty("analysis").GetProperty("comment");
        Assert.Equal("negative", analysis.GetProperty("sentiment").GetString("label"));
        Assert.True(analysis.GetProperty("sentiment").GetProperty("compound").GetDouble() < -0.05);
        Assert.Contains(analysis.GetProperty("intents").EnumerateArray(), i => i.GetString("kind") == "signal" && i.GetString("name") == "churn");
        var stored = await workspace.QueryAsync(db => db.AnalyzedTexts.Include(t => t.Labels).SingleAsync(t => t.ResponseId == listed.GetInt64("id")));
        Assert.Equal(("comment", TextSource.Response, workspace.Id), (stored.Field, stored.Source, stored.WorkspaceId));
        Assert.Contains(stored.Labels, l => l is { Kind: TextLabelKind.Signal, Value: "churn" });
        Assert.All(stored.Labels, l => Assert.Equal(workspace.Id, l.WorkspaceId));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task RestSubmit_NegativeComment_AnswersAndStoresOneAnalysisPerTextAnswer(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");

        var created = await client.SubmitAsync(survey, 1, comment: Angry);
        var scoreOnly = await client.SubmitAsync(survey, 9);

        var analysis = created.GetProperty("analysis").GetProperty("comment");
        Assert.Equal("negative", analysis.GetProperty("sentiment").GetString("label"));
        Assert.Contains(analysis.GetProperty("emotions").EnumerateArray(), e => e.GetString("emotion") == "anger");
        Assert.Contains(analysis.GetProperty("intents").EnumerateArray(), i => i.GetString("name") == "effort"
            && i.GetString("evidence")!.Contains("call three times", StringComparison.Ordinal));
        Assert.Empty(scoreOnly.GetProperty("analysis").EnumerateObject());
        var fetched = await client.GetJsonAsync($"/api/v1/responses/{created.GetInt64("id")}");
        Assert.Equal("negative", fetched.GetProperty("analysis").GetProperty("comment").GetProperty("sentiment").GetString("label"));
        Assert.Equal(1, await workspace.QueryAsync(db => db.AnalyzedTexts.CountAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Filters_OnWhatTheCommentsSay_ReturnExactlyTheMatchingResponsesInListExportAndMetrics(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");
        var angry = (await client.SubmitAsync(survey, 1, comment: Angry)).GetInt64("id");
        var happy = (await client.SubmitAsync(survey, 10, comment: Happy)).GetInt64("id");
        var late = (await client.SubmitAsync(survey, 5, comment: "The parcel arrived two weeks late and the box was damaged. Very disappointed.")).GetInt64("id");
        await client.SubmitAsync(survey, 8);
        await client.SubmitAsync(survey, 3, comment: "Le service était horrible et je suis très déçu de cette expérience.");
        var other = await TestWorkspace.CreateAsync(workspace.App);
        using var otherClient = other.Client();
        var otherSurvey = (await otherClient.CreateSurveyAsync()).GetGuid("id");
        await otherClient.SubmitAsync(otherSurvey, 0, comment: Angry);

        async Task<long[]> IdsAsync(HttpClient c, string query) => (await c.GetJsonAsync($"/api/v1/responses?{query}"))
            .GetProperty("items").EnumerateArray().Select(r => r.GetInt64("id")).Order().ToArray();

        Assert.Equal([angry, late], await IdsAsync(client, "sentiment=negative"));
        Assert.Equal([happy], await IdsAsync(client, "sentiment=POSITIVE"));
        Assert.Equal([angry], await IdsAsync(client, "signal=churn"));
        Assert.Equal([angry], await IdsAsync(client, "emotion=anger&sentiment=negative"));
        Assert.Equal([happy], await IdsAsync(client, "signal=praiseEmployee"));
        Assert.Equal([late], await IdsAsync(client, "topic=Delivery"));
        Assert.Empty(await IdsAsync(client, "topic=Deliv"));
        Assert.Empty(await IdsAsync(client, "intent=card_arrival"));
        var otherNegative = await IdsAsync(otherClient, "sentiment=negative");
        Assert.DoesNotContain(angry, otherNegative);
        Assert.Single(otherNegative);

        using var export = await client.GetAsync("/api/v1/responses/export?format=csv&signal=churn");
        var csv = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, csv.Length);
        Assert.EndsWith("sentiment,sentimentLabel,emotions,signals,topics", csv[0].TrimEnd('\r'), StringComparison.Ordinal);
        Assert.Contains(",negative,", csv[1], StringComparison.Ordinal);
        Assert.Contains("churn", csv[1], StringComparison.Ordinal);
        var json = await client.GetJsonAsync("/api/v1/responses/export?format=json&sentiment=positive");
        var exported = Assert.Single(json.EnumerateArray());
        Assert.Equal("positive", exported.GetProperty("text").GetString("sentimentLabel"));

        var all = await client.GetJsonAsync("/api/v1/metrics/nps");
        var negative = await client.GetJsonAsync("/api/v1/metrics/nps?sentiment=negative");
        Assert.Equal((5, 2), (all.GetProperty("n").GetInt32(), negative.GetProperty("n").GetInt32()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Filters_UnknownValues_AreProblemsNamingTheField(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        foreach (var (query, field) in new[]
        {
            ("sentiment=angry", "sentiment"), ("emotion=rage", "emotion"), ("signal=refund", "signal"),
            ($"topic={new string('t', 301)}", "topic"), ($"intent={new string('i', 301)}", "intent"),
        })
        {
            using var list = await client.GetAsync($"/api/v1/responses?{query}");
            await Problem.AssertFieldAsync(list, HttpStatusCode.BadRequest, field);
            using var export = await client.GetAsync($"/api/v1/responses/export?{query}");
            await Problem.AssertFieldAsync(export, HttpStatusCode.BadRequest, field);
            using var metrics = await client.GetAsync($"/api/v1/metrics/nps?{query}");
            await Problem.AssertFieldAsync(metrics, HttpStatusCode.BadRequest, field);
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Erase_Customer_DeletesTheAnalysesOfTheirWords(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var (client, id) = await CustomerTimelineTests.ArrangeAsync(workspace);
        using var _ = client;
        var keeper = (await client.CreateSurveyAsync()).GetGuid("id");
        var anonymous = (await client.SubmitAsync(keeper, 2, comment: Angry)).GetInt64("id");
        Assert.True(await workspace.QueryAsync(db => db.AnalyzedTexts.CountAsync(t => t.CustomerId == id)) >= 2);

        await client.PostJsonAsync($"/api/v1/customers/{id}/erase", new { }, HttpStatusCode.OK);

        var left = await workspace.QueryAsync(db => db.AnalyzedTexts.Select(t => t.ResponseId).ToListAsync());
        Assert.Equal([anonymous], left);
        Assert.Equal(0, await workspace.QueryAsync(db => db.TextLabels.CountAsync(l => !db.AnalyzedTexts.Any(t => t.Id == l.AnalyzedTextId))));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ResponsePages_ShowSentimentSignalsAndEvidence_Encoded(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync()).GetGuid("id");
        const string Hostile = "<script>alert('x')</script> I will cancel my account, this is terrible.";
        var id = (await client.SubmitAsync(survey, 0, comment: Hostile)).GetInt64("id");
        await client.SubmitAsync(survey, 10, comment: Happy);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (detail, html) = await session.GetAsync($"/responses/{id}");
        var (_, list) = await session.GetAsync("/responses?sentiment=negative");

        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        Assert.Contains("class=\"sentiment-badge negative\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"signal\">churn</span>", html, StringComparison.Ordinal);
        Assert.Contains("cancel my account", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(", html, StringComparison.Ordinal);
        Assert.Contains("sentiment-badge negative", list, StringComparison.Ordinal);
        Assert.DoesNotContain("sentiment-badge positive", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Anna was fantastic", list, StringComparison.Ordinal);
        Assert.Contains("sentiment=negative", list, StringComparison.Ordinal);

        var (_, dashboard) = await session.GetAsync("/?sentiment=negative");
        Assert.Contains("<option value=\"negative\" selected=\"selected\">", dashboard, StringComparison.Ordinal);
        Assert.Contains("1 of the 10 needed to show a score", Text(dashboard), StringComparison.Ordinal);
    }
}
