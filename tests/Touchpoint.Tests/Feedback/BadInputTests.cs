using System.Net;
using System.Net.Http.Json;
using System.Text;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Feedback;

/// <summary>Bad input gets a 4xx ProblemDetails naming the field, never a 500, and never costs an accepted write.</summary>
[Collection(AppCollection.Name)]
public sealed class BadInputTests(AppFixture fixture)
{
    private async Task<(TestWorkspace Workspace, HttpClient Client, Guid Survey)> ArrangeAsync(DatabaseProvider provider, string metric = "nps")
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var client = workspace.Client();
        var survey = (await client.CreateSurveyAsync(metric)).GetGuid("id");
        return (workspace, client, survey);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PostSurvey_MalformedJson_Returns400Problem(DatabaseProvider provider)
    {
        var (_, client, _) = await ArrangeAsync(provider);

        using var response = await client.PostAsync("/api/v1/surveys", Api.Json("""{ "name": "Broken", "metric": """));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PostSurvey_MetricIsANumber_Returns400NamingMetric(DatabaseProvider provider)
    {
        var (_, client, _) = await ArrangeAsync(provider);

        using var response = await client.PostAsync("/api/v1/surveys", Api.Json("""{ "name": "Numbers", "metric": 5 }"""));

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "metric");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PostSurvey_UnknownMetric_Returns400NamingMetric(DatabaseProvider provider)
    {
        var (_, client, _) = await ArrangeAsync(provider);

        using var response = await client.PostAsync("/api/v1/surveys", Api.Json("""{ "name": "Mood", "metric": "happiness" }"""));

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "metric");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PostSurvey_MissingNameAndMetric_Returns400NamingBoth(DatabaseProvider provider)
    {
        var (_, client, _) = await ArrangeAsync(provider);

        using var response = await client.PostAsync("/api/v1/surveys", Api.Json("{}"));

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "name");
        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "metric");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PostSurvey_EmptyBody_Returns400Problem(DatabaseProvider provider)
    {
        var (_, client, _) = await ArrangeAsync(provider);

        using var response = await client.PostAsync("/api/v1/surveys", Api.Json(""));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PostResponse_ScoreIsAWord_Returns400NamingScore(DatabaseProvider provider)
    {
        var (_, client, survey) = await ArrangeAsync(provider);

        using var response = await client.PostAsync($"/api/v1/surveys/{survey}/responses", Api.Json("""{ "score": "ten" }"""));

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "score");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PostResponse_MissingScore_Returns400NamingScore(DatabaseProvider provider)
    {
        var (_, client, survey) = await ArrangeAsync(provider);

        using var response = await client.PostAsync($"/api/v1/surveys/{survey}/responses", Api.Json("""{ "comment": "No score" }"""));

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "score");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PostResponse_ElevenOnNps_Returns400NamingScore(DatabaseProvider provider)
    {
        var (_, client, survey) = await ArrangeAsync(provider);

        using var response = await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 11 });

        var problem = await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "score");
        Assert.Contains("0 to 10", problem.GetProperty("errors").GetProperty("score")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PostResponse_ZeroOnCsat_Returns400NamingScore(DatabaseProvider provider)
    {
        var (_, client, survey) = await ArrangeAsync(provider, "csat");

        using var response = await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 0 });

        var problem = await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "score");
        Assert.Contains("1 to 5", problem.GetProperty("errors").GetProperty("score")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PostResponse_EightOnCes_Returns400NamingScore(DatabaseProvider provider)
    {
        var (_, client, survey) = await ArrangeAsync(provider, "ces");

        using var response = await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 8 });

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "score");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PostResponse_CommentTooLong_Returns400NamingComment(DatabaseProvider provider)
    {
        var (_, client, survey) = await ArrangeAsync(provider);

        using var response = await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 9, comment = new string('x', 4001) });

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "comment");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PostResponse_SubmittedTomorrow_Returns400NamingSubmittedAt(DatabaseProvider provider)
    {
        var (_, client, survey) = await ArrangeAsync(provider);

        using var response = await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/responses",
            new { score = 9, submittedAt = DateTime.UtcNow.AddDays(1) });

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "submittedAt");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PostResponse_UnknownCustomer_Returns400NamingCustomerId(DatabaseProvider provider)
    {
        var (_, client, survey) = await ArrangeAsync(provider);

        using var response = await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/responses", new { score = 9, customerId = Guid.NewGuid() });

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "customerId");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PostSurvey_BodyOverOneMegabyte_Returns413Problem(DatabaseProvider provider)
    {
        var (_, client, _) = await ArrangeAsync(provider);
        var huge = $$"""{ "name": "Huge", "metric": "nps", "question": "{{new string('q', 1024 * 1024)}}" }""";

        using var response = await client.PostAsync("/api/v1/surveys", new StringContent(huge, Encoding.UTF8, "application/json"));

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ListResponses_CursorNotGivenOutByTheApi_Returns400NamingCursor(DatabaseProvider provider)
    {
        var (_, client, _) = await ArrangeAsync(provider);

        using var response = await client.GetAsync("/api/v1/responses?cursor=%21%21not-a-cursor");

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "cursor");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ListResponses_FromIsNotADate_Returns400NamingFrom(DatabaseProvider provider)
    {
        var (_, client, _) = await ArrangeAsync(provider);

        using var response = await client.GetAsync("/api/v1/responses?from=yesterday");

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "from");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ListResponses_ToBeforeFrom_Returns400NamingTo(DatabaseProvider provider)
    {
        var (_, client, _) = await ArrangeAsync(provider);

        using var response = await client.GetAsync("/api/v1/responses?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z");

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "to");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ListResponses_LimitZero_Returns400NamingLimit(DatabaseProvider provider)
    {
        var (_, client, _) = await ArrangeAsync(provider);

        using var response = await client.GetAsync("/api/v1/responses?limit=0");

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "limit");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ListResponses_LimitIsAWord_Returns400NamingLimit(DatabaseProvider provider)
    {
        var (_, client, _) = await ArrangeAsync(provider);

        using var response = await client.GetAsync("/api/v1/responses?limit=lots");

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "limit");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task GetMetric_UnknownMetricName_Returns400NamingMetric(DatabaseProvider provider)
    {
        var (_, client, _) = await ArrangeAsync(provider);

        using var response = await client.GetAsync("/api/v1/metrics/happiness");

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "metric");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task GetMetric_MetricAsNumber_Returns400NamingMetric(DatabaseProvider provider)
    {
        var (_, client, _) = await ArrangeAsync(provider);

        using var response = await client.GetAsync("/api/v1/metrics/1");

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "metric");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task GetMetric_BadGroupByAndFrom_Returns400NamingEach(DatabaseProvider provider)
    {
        var (_, client, _) = await ArrangeAsync(provider);

        using var groupBy = await client.GetAsync("/api/v1/metrics/nps?groupBy=fortnight");
        using var from = await client.GetAsync("/api/v1/metrics/nps?from=last-tuesday");

        await Problem.AssertFieldAsync(groupBy, HttpStatusCode.BadRequest, "groupBy");
        await Problem.AssertFieldAsync(from, HttpStatusCode.BadRequest, "from");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task GetSurvey_IdIsNotAGuid_Returns404Problem(DatabaseProvider provider)
    {
        var (_, client, _) = await ArrangeAsync(provider);

        using var response = await client.GetAsync("/api/v1/surveys/not-a-guid");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PostResponse_RejectedRequestsBetweenValidOnes_KeepEveryValidAnswer(DatabaseProvider provider)
    {
        var (_, client, survey) = await ArrangeAsync(provider);
        var url = $"/api/v1/surveys/{survey}/responses";
        var first = (await client.SubmitAsync(survey, 9, comment: "first")).GetInt64("id");
        var second = (await client.SubmitAsync(survey, 4, comment: "second")).GetInt64("id");

        using (var malformed = await client.PostAsync(url, Api.Json("""{ "score": 10, """)))
        using (var wrongType = await client.PostAsync(url, Api.Json("""{ "score": "ten" }""")))
        using (var outOfRange = await client.PostAsJsonAsync(url, new { score = 11 }))
        using (var tooLarge = await client.PostAsync(url, Api.Json($$"""{ "score": 5, "comment": "{{new string('c', 1_100_000)}}" }""")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        }

        var third = (await client.SubmitAsync(survey, 10, comment: "third")).GetInt64("id");

        var list = await client.GetJsonAsync($"/api/v1/responses?survey={survey}");
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([third, second, first], items.Select(r => r.GetInt64("id")));
        Assert.Equal([10, 4, 9], items.Select(r => r.GetProperty("score").GetInt32()));
        Assert.Equal(["third", "second", "first"], items.Select(r => r.GetString("comment")));
    }
}
