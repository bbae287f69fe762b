using System.Net;
using System.Text;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.TextAnalysis.Ingest;

/// <summary>POST /api/v1/text/analyze: per text sentiment, emotions, topics and intents; every bad input a problem naming its field.</summary>
[Collection(AppCollection.Name)]
public sealed class TextAnalyzeApiTests(AppFixture fixture)
{
    private const string Url = "/api/v1/text/analyze";

    [Theory, OnSqlite, OnPostgres]
    public async Task Analyze_SeveralTexts_AnswersEachInOrderWithoutStoringAnything(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        var json = await client.PostJsonAsync(Url, new
        {
            texts = new[] { ResponseIngestTests.Angry, ResponseIngestTests.Happy, "Le service était horrible et je suis très déçu de cette expérience.", "" },
        }, HttpStatusCode.OK);

        var results = json.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(4, results.Count);
        var angry = results[0];
        Assert.Equal(("en", true), (angry.GetString("language"), angry.GetProperty("scored").GetBoolean()));
        Assert.Equal("negative", angry.GetProperty("sentiment").GetString("label"));
        Assert.InRange(angry.GetProperty("sentiment").GetProperty("compound").GetDouble(), -1, -0.05);
        Assert.Equal(2, angry.GetProperty("sentiment").GetProperty("sentences").GetArrayLength());
        Assert.Contains(angry.GetProperty("emotions").EnumerateArray(), e => e.GetString("emotion") == "anger" && e.GetProperty("intensity").GetDouble() > 0);
        Assert.Contains(angry.GetProperty("topics").EnumerateArray(), t => t.GetString("path") == "Billing > Refunds"
            && t.GetProperty("evidence").EnumerateArray().Any());
        var churn = Assert.Single(angry.GetProperty("intents").EnumerateArray(), i => i.GetString("name") == "churn");
        Assert.Equal("signal", churn.GetString("kind"));
        Assert.Contains("cancel my account", churn.GetString("evidence"), StringComparison.Ordinal);
        Assert.Equal("positive", results[1].GetProperty("sentiment").GetString("label"));
        Assert.Contains(results[1].GetProperty("intents").EnumerateArray(), i => i.GetString("name") == "praiseEmployee" && i.GetString("employee") == "Anna");
        Assert.Equal((false, "fr"), (results[2].GetProperty("scored").GetBoolean(), results[2].GetString("language")));
        Assert.Equal("neutral", results[2].GetProperty("sentiment").GetString("label"));
        Assert.False(results[3].GetProperty("scored").GetBoolean());
        Assert.Equal(0, await workspace.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.AnalyzedTexts)));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Analyze_BadInput_IsAProblemNamingTheField(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var tooMany = "{\"texts\": [" + string.Join(",", Enumerable.Repeat("\"ok\"", 101)) + "]}";
        var tooLong = "{\"texts\": [\"fine\", \"" + new string('a', 100_001) + "\"]}";

        foreach (var (body, field) in new[]
        {
            ("{}", "texts"), ("{\"texts\": []}", "texts"), ("{\"texts\": \"one\"}", "texts"), ("[\"one\"]", "texts"), (tooMany, "texts"),
            ("{\"texts\": [\"ok\", \"ok\", \"ok\", 42]}", "texts[3]"), ("{\"texts\": [null]}", "texts[0]"), (tooLong, "texts[1]"),
            ("{\"texts\": [\"unclosed", "body"),
        })
        {
            using var response = await client.PostAsync(Url, Api.Json(body));
            await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, field);
        }

        using var huge = await client.PostAsync(Url, new StringContent("{\"texts\": [\"" + new string('a', 1_100_000) + "\"]}", Encoding.UTF8,
            "application/json"));
        await Problem.AssertAsync(huge, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Analyze_WithoutAKey_IsRefused(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var anonymous = workspace.ClientWithKey(null);

        using var response = await anonymous.PostAsync(Url, Api.Json("{\"texts\": [\"hello\"]}"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
