using System.Net;
using System.Net.Http.Json;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;
using static Touchpoint.Tests.Journeys.JourneyTestData;

namespace Touchpoint.Tests.Journeys;

/// <summary>Journeys created, replaced and deleted whole over REST, validated field by field, and kept to their workspace.</summary>
[Collection(AppCollection.Name)]
public sealed class JourneyEditingApiTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task PostJourney_WithStagesAndTouchPoints_IsReadBackInOrder(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        var created = await CreateJourneyAsync(client, "Onboarding",
            ("sign up", [("Sign-up form", "web")]), ("first order", [("App checkout", "app"), ("Store till", "store")]), ("review", []));
        var read = await client.GetJsonAsync($"/api/v1/journeys/{created.GetGuid("id")}");
        var list = await client.GetJsonAsync("/api/v1/journeys");

        Assert.Equal("Onboarding", read.GetString("name"));
        Assert.False(read.GetProperty("isDefault").GetBoolean());
        Assert.Equal(["sign up", "first order", "review"], read.GetProperty("stages").EnumerateArray().Select(s => s.GetString("name")));
        Assert.Equal([0, 1, 2], read.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("position").GetInt32()));
        Assert.Equal(["App checkout", "Store till"], read.GetProperty("stages")[1].GetProperty("touchPoints").EnumerateArray().Select(t => t.GetString("name")));
        Assert.Equal("store", read.GetProperty("stages")[1].GetProperty("touchPoints")[1].GetString("channel"));
        Assert.Equal(2, list.GetProperty("items").GetArrayLength());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PostJourney_BadFields_Answers400NamingEachNestedField(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();

        using var badChannel = await client.PostAsJsonAsync("/api/v1/journeys", new
        {
            name = "Returns",
            stages = new object[]
            {
                new { name = "ask", touchPoints = new[] { new { name = "Form", channel = "web" } } },
                new { name = "ship", touchPoints = new[] { new { name = "Courier", channel = "pigeon" } } },
            },
        });
        using var noNames = await client.PostAsJsonAsync("/api/v1/journeys", new
        {
            name = " ",
            stages = new[] { new { name = "", touchPoints = new[] { new { name = "", channel = "web" } } } },
        });
        using var noBody = await client.PostAsync("/api/v1/journeys", Api.Json("null"));

        await Problem.AssertFieldAsync(badChannel, HttpStatusCode.BadRequest, "stages[1].touchPoints[0].channel");
        var problem = await Problem.AssertFieldAsync(noNames, HttpStatusCode.BadRequest, "name");
        Assert.True(problem.GetProperty("errors").TryGetProperty("stages[0].name", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("stages[0].touchPoints[0].name", out _));
        await Problem.AssertFieldAsync(noBody, HttpStatusCode.BadRequest, "body");
        Assert.Single((await client.GetJsonAsync("/api/v1/journeys")).GetProperty("items").EnumerateArray());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PutJourney_ReorderRenameMoveAndDrop_KeepsTheIdsItNames(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var created = await CreateJourneyAsync(client, "Returns", ("ask", [("Form", "web")]), ("ship", [("Courier", "phone")]), ("refund", [("Bank", "email")]));
        var (ask, ship) = (Stage(created, "ask"), Stage(created, "ship"));
        var (form, courier, bank) = (TouchPoint(created, "Form"), TouchPoint(created, "Courier"), TouchPoint(created, "Bank"));

        var replaced = await (await client.PutAsJsonAsync($"/api/v1/journeys/{created.GetGuid("id")}", new
        {
            name = "Returns and refunds",
            description = (string?)null,
            stages = new object[]
            {
                new { id = ship, name = "send back", touchPoints = new object[] { new { id = courier, name = "Courier pick-up", channel = "phone" }, new { id = form, name = "Form", channel = "app" } } },
                new { id = ask, name = "ask", touchPoints = new object[] { new { id = bank, name = "Bank", channel = "email" } } },
                new { name = "follow up", touchPoints = new[] { new { name = "Survey mail", channel = "email" } } },
            },
        })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Returns and refunds", replaced.GetString("name"));
        Assert.Equal(["send back", "ask", "follow up"], replaced.GetProperty("stages").EnumerateArray().Select(s => s.GetString("name")));
        Assert.Equal(ship, Stage(replaced, "send back"));
        Assert.Equal(courier, TouchPoint(replaced, "Courier pick-up"));
        Assert.Equal(form, TouchPoint(replaced, "Form"));
        Assert.Equal("app", replaced.GetProperty("stages")[0].GetProperty("touchPoints")[1].GetString("channel"));
        Assert.DoesNotContain(replaced.GetProperty("stages").EnumerateArray(), s => s.GetString("name") == "refund");
        // The refund stage went; its touch point, moved to "ask" in the same request, stayed.
        Assert.Equal(bank, TouchPoint(replaced, "Bank"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task DeleteJourney_DefaultOrWithFeedback_Answers409_OtherwiseIsGone(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var client = workspace.Client();
        var defaultId = (await client.GetJsonAsync("/api/v1/journeys")).GetProperty("items")[0].GetGuid("id");
        var withFeedback = await CreateJourneyAsync(client, "Loyalty", ("join", [("Club desk", "store")]));
        var empty = await CreateJourneyAsync(client, "Spare", ("one", [("Thing", "web")]));
        var survey = (await client.CreateSurveyAsync("nps")).GetGuid("id");
        await AnswerAsync(client, survey, TouchPoint(withFeedback, "Club desk"), DateTime.UtcNow.AddHours(-1), 9);

        using var deleteDefault = await client.DeleteAsync($"/api/v1/journeys/{defaultId}");
        using var deleteWithFeedback = await client.DeleteAsync($"/api/v1/journeys/{withFeedback.GetGuid("id")}");
        using var deleteEmpty = await client.DeleteAsync($"/api/v1/journeys/{empty.GetGuid("id")}");
        using var replaceDroppingFeedback = await client.PutAsJsonAsync($"/api/v1/journeys/{withFeedback.GetGuid("id")}",
            new { name = "Loyalty", stages = Array.Empty<object>() });

        var defaultProblem = await Problem.AssertFieldAsync(deleteDefault, HttpStatusCode.Conflict, "id");
        Assert.Contains("default journey", defaultProblem.GetString("detail"));
        var feedbackProblem = await Problem.AssertFieldAsync(deleteWithFeedback, HttpStatusCode.Conflict, "id");
        Assert.Contains("1 responses", feedbackProblem.GetString("detail"));
        Assert.Equal(HttpStatusCode.NoContent, deleteEmpty.StatusCode);
        await client.GetJsonAsync($"/api/v1/journeys/{empty.GetGuid("id")}", HttpStatusCode.NotFound);
        var dropProblem = await Problem.AssertFieldAsync(replaceDroppingFeedback, HttpStatusCode.BadRequest, "stages");
        Assert.Contains("Club desk", dropProblem.GetProperty("errors").GetProperty("stages")[0].GetString());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AnotherWorkspacesJourney_IsNotFoundAndItsIdsAreRefused(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var mine = await TestWorkspace.CreateAsync(app);
        var theirs = await TestWorkspace.CreateAsync(app);
        using var client = mine.Client();
        using var other = theirs.Client();
        var foreign = await CreateJourneyAsync(other, "Theirs", ("one", [("Their point", "web")]));
        var own = await CreateJourneyAsync(client, "Mine", ("one", [("My point", "web")]));
        var id = foreign.GetGuid("id");

        using var get = await client.GetAsync($"/api/v1/journeys/{id}");
        using var put = await client.PutAsJsonAsync($"/api/v1/journeys/{id}", new { name = "Taken", stages = Array.Empty<object>() });
        using var delete = await client.DeleteAsync($"/api/v1/journeys/{id}");
        using var analytics = await client.GetAsync($"/api/v1/journeys/{id}/analytics");
        using var borrow = await client.PutAsJsonAsync($"/api/v1/journeys/{own.GetGuid("id")}", new
        {
            name = "Mine",
            stages = new[] { new { id = Stage(foreign, "one"), name = "one", touchPoints = Array.Empty<object>() } },
        });

        await Problem.AssertAsync(get, HttpStatusCode.NotFound);
        await Problem.AssertAsync(put, HttpStatusCode.NotFound);
        await Problem.AssertAsync(delete, HttpStatusCode.NotFound);
        await Problem.AssertAsync(analytics, HttpStatusCode.NotFound);
        await Problem.AssertFieldAsync(borrow, HttpStatusCode.BadRequest, "stages[0].id");
        Assert.Equal("Theirs", (await other.GetJsonAsync($"/api/v1/journeys/{id}")).GetString("name"));
        Assert.DoesNotContain((await client.GetJsonAsync("/api/v1/journeys")).GetProperty("items").EnumerateArray(), j => j.GetString("name") == "Theirs");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PostJourney_WithAReadOnlyKey_IsForbidden(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var key = await workspace.CreateKeyAsync(ApiKeyKind.Rest, ApiScopes.Read);
        using var reader = workspace.ClientWithKey(key.PlainKey);

        using var response = await reader.PostAsJsonAsync("/api/v1/journeys", new { name = "Sneaky", stages = Array.Empty<object>() });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Single((await reader.GetJsonAsync("/api/v1/journeys")).GetProperty("items").EnumerateArray());
    }
}
