using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Surveys.Builder;

/// <summary>Reading, editing, versioning and importing survey definitions through the REST API.</summary>
[Collection(AppCollection.Name)]
public sealed class SurveyEditingApiTests(AppFixture fixture)
{
    private static JsonObject TwoPageDefinition(string npsTitle = "How likely are you to recommend us?") => JsonNode.Parse($$"""
    {
      "defaultLanguage": "en",
      "languages": ["en", "de"],
      "pages": [
        { "id": "p1",
          "questions": [ { "id": "nps", "type": "nps", "title": { "en": "{{npsTitle}}", "de": "Würden Sie uns empfehlen?" }, "required": true } ],
          "branches": [ { "if": { "question": "nps", "op": "gte", "value": 9 }, "goTo": "end" } ] },
        { "id": "p2",
          "questions": [ { "id": "why", "type": "text", "title": "What should we improve?" } ] }
      ]
    }
    """)!.AsObject();

    private static object Update(string name, JsonNode? definition, string status = "live") =>
        new { name, definition, anonymous = false, quarantineDays = 45, reminderAfterDays = 3, status };

    [Theory, OnSqlite, OnPostgres]
    public async Task Get_NewSurvey_ReturnsDefinitionObjectVersionAndSettings(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var created = await client.CreateSurveyAsync("csat", "Support CSAT");

        var survey = await client.GetJsonAsync($"/api/v1/surveys/{created.GetGuid("id")}");

        Assert.Equal(1, survey.GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.Object, survey.GetProperty("definition").ValueKind);
        Assert.Equal("csat", survey.GetProperty("definition").GetProperty("pages")[0].GetProperty("questions")[0].GetString("type"));
        Assert.False(survey.GetProperty("anonymous").GetBoolean());
        Assert.True(survey.IsNull("quarantineDays"));
        Assert.Equal("live", survey.GetString("status"));
        Assert.EndsWith("/s/" + created.GetString("publicUrl")!.Split("/s/")[1], survey.GetString("publicUrl"), StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Put_ChangedDefinition_CreatesVersionTwoAndKeepsVersionOne(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var id = (await client.CreateSurveyAsync("csat", "Checkout")).GetGuid("id");

        using var response = await client.PutAsJsonAsync($"/api/v1/surveys/{id}", Update("Checkout NPS", TwoPageDefinition()));
        var saved = await response.ExpectAsync(HttpStatusCode.OK);
        var versions = await client.GetJsonAsync($"/api/v1/surveys/{id}/versions");
        var first = await client.GetJsonAsync($"/api/v1/surveys/{id}/versions/1");
        var second = await client.GetJsonAsync($"/api/v1/surveys/{id}/versions/2");

        Assert.Equal(2, saved.GetProperty("version").GetInt32());
        Assert.Equal("nps", saved.GetString("metric"));
        Assert.Equal("Checkout NPS", saved.GetString("name"));
        Assert.Equal(45, saved.GetProperty("quarantineDays").GetInt32());
        Assert.Equal(3, saved.GetProperty("reminderAfterDays").GetInt32());
        Assert.Equal("What should we improve?", saved.GetProperty("definition").GetProperty("pages")[1].GetProperty("questions")[0].GetProperty("title").GetString("en"));
        Assert.Equal([2, 1], versions.EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));
        Assert.All(versions.EnumerateArray(), v => Assert.False(string.IsNullOrEmpty(v.GetString("createdBy"))));
        Assert.Equal("csat", first.GetProperty("definition").GetProperty("pages")[0].GetProperty("questions")[0].GetString("type"));
        Assert.Equal("end", second.GetProperty("definition").GetProperty("pages")[0].GetProperty("branches")[0].GetString("goTo"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Put_SameDefinitionAgain_KeepsTheVersion(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var id = (await client.CreateSurveyAsync("nps")).GetGuid("id");
        using (var first = await client.PutAsJsonAsync($"/api/v1/surveys/{id}", Update("Renamed", TwoPageDefinition())))
        {
            await first.ExpectAsync(HttpStatusCode.OK);
        }

        // The same definition, read back from the API (other key order, plain texts now objects), and closed.
        var current = await client.GetJsonAsync($"/api/v1/surveys/{id}");
        using var again = await client.PutAsJsonAsync($"/api/v1/surveys/{id}", Update("Renamed again", JsonNode.Parse(current.GetProperty("definition").GetRawText()), "closed"));
        var saved = await again.ExpectAsync(HttpStatusCode.OK);
        var versions = await client.GetJsonAsync($"/api/v1/surveys/{id}/versions");

        Assert.Equal(2, saved.GetProperty("version").GetInt32());
        Assert.Equal("closed", saved.GetString("status"));
        Assert.Equal("Renamed again", saved.GetString("name"));
        Assert.Equal(2, versions.GetArrayLength());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Put_InvalidDefinition_NamesEachPathAndSavesNothing(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var id = (await client.CreateSurveyAsync("nps", "Untouched")).GetGuid("id");
        var definition = TwoPageDefinition();
        definition["theme"] = new JsonObject { ["primaryColor"] = "red" };
        definition["pages"]![1]!["questions"]!.AsArray().Add(JsonNode.Parse("""{ "id": "pick", "type": "single", "title": "Pick", "choices": [ { "value": "a" } ] }"""));
        definition["pages"]![0]!["branches"]![0]!["goTo"] = "p1";

        using var response = await client.PutAsJsonAsync($"/api/v1/surveys/{id}", Update("Changed", definition));

        var problem = await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "theme.primaryColor");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("pages[1].questions[1].choices", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("pages[0].branches[0].goTo", out _), errors.ToString());
        var survey = await client.GetJsonAsync($"/api/v1/surveys/{id}");
        Assert.Equal("Untouched", survey.GetString("name"));
        Assert.Equal(1, survey.GetProperty("version").GetInt32());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Put_UnknownQuestionTypeOrBadSettings_AreFieldErrors(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var id = (await client.CreateSurveyAsync("nps")).GetGuid("id");
        var definition = TwoPageDefinition();
        definition["pages"]![1]!["questions"]![0]!["type"] = "slider";

        using var badType = await client.PutAsJsonAsync($"/api/v1/surveys/{id}", Update("X", definition));
        using var badSettings = await client.PutAsJsonAsync($"/api/v1/surveys/{id}", new { name = "X", quarantineDays = -1, reminderAfterDays = 0 });
        using var missing = await client.PutAsJsonAsync($"/api/v1/surveys/{Guid.NewGuid()}", Update("X", TwoPageDefinition()));

        await Problem.AssertFieldAsync(badType, HttpStatusCode.BadRequest, "pages[1].questions[0].type");
        var settings = await Problem.AssertFieldAsync(badSettings, HttpStatusCode.BadRequest, "quarantineDays");
        Assert.True(settings.GetProperty("errors").TryGetProperty("reminderAfterDays", out _));
        await Problem.AssertAsync(missing, HttpStatusCode.NotFound);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Post_WithDefinition_CreatesThatSurveyWithItsMetric(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var definition = TwoPageDefinition();
        definition["pages"]![0]!["questions"]![0]!["type"] = "ces";
        definition["pages"]![0]!["branches"]![0]!["if"]!["value"] = 6;

        var created = await client.PostJsonAsync("/api/v1/surveys", new { name = "Returns", definition }, HttpStatusCode.Created);
        using var invalid = await client.PostAsJsonAsync("/api/v1/surveys", new { name = "Bad", definition = new { pages = Array.Empty<object>() } });

        Assert.Equal("ces", created.GetString("metric"));
        Assert.Equal(2, created.GetProperty("definition").GetProperty("pages").GetArrayLength());
        Assert.Equal(1, created.GetProperty("version").GetInt32());
        await Problem.AssertFieldAsync(invalid, HttpStatusCode.BadRequest, "pages");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ImportSurveyJs_CreatorJson_CreatesSurveyAndReportsSkippedElements(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var json = JsonNode.Parse("""
        { "title": "Delivery feedback",
          "pages": [ { "name": "start", "elements": [
            { "type": "rating", "name": "nps", "title": "Would you recommend us?", "rateMin": 0, "rateMax": 10, "isRequired": true },
            { "type": "radiogroup", "name": "issue", "title": "What went wrong?", "choices": ["late", "damaged"], "visibleIf": "{nps} <= 6" },
            { "type": "signaturepad", "name": "signature" },
            { "type": "comment", "name": "more", "visibleIf": "sum({nps}, 1) > 2" } ] } ] }
        """);

        var imported = await client.PostJsonAsync("/api/v1/surveys/import/surveyjs", new { json }, HttpStatusCode.Created);
        using var noMetric = await client.PostAsJsonAsync("/api/v1/surveys/import/surveyjs",
            new { name = "Comments", json = JsonNode.Parse("""{ "elements": [ { "type": "comment", "name": "c" } ] }""") });

        var survey = imported.GetProperty("survey");
        Assert.Equal("Delivery feedback", survey.GetString("name"));
        Assert.Equal("nps", survey.GetString("metric"));
        Assert.Equal("signature", imported.GetProperty("skipped")[0].GetString("name"));
        Assert.Equal(1, imported.GetProperty("warnings").GetArrayLength());
        var fetched = await client.GetJsonAsync($"/api/v1/surveys/{survey.GetGuid("id")}");
        var issue = fetched.GetProperty("definition").GetProperty("pages")[0].GetProperty("questions")[1];
        Assert.Equal("lte", issue.GetProperty("displayIf").GetString("op"));
        await Problem.AssertFieldAsync(noMetric, HttpStatusCode.BadRequest, "json");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Put_WithReadOnlyKey_IsForbiddenAndChangesNothing(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var id = (await client.CreateSurveyAsync("nps", "Protected")).GetGuid("id");
        var readOnly = await workspace.CreateKeyAsync(ApiKeyKind.Rest, ApiScopes.Read);
        using var reader = workspace.ClientWithKey(readOnly.PlainKey);

        using var put = await reader.PutAsJsonAsync($"/api/v1/surveys/{id}", Update("Hijacked", TwoPageDefinition()));
        using var versions = await reader.GetAsync($"/api/v1/surveys/{id}/versions");

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, versions.StatusCode);
        Assert.Equal("Protected", (await client.GetJsonAsync($"/api/v1/surveys/{id}")).GetString("name"));
    }
}
