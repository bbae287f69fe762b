using System.Net;
using System.Text.Json;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Journeys;

/// <summary>Journeys, surveys and answers made through the REST API, as an integration would.</summary>
internal static class JourneyTestData
{
    /// <summary>Creates a journey whose stages hold touch points given as (name, channel).</summary>
    public static Task<JsonElement> CreateJourneyAsync(HttpClient client, string name, params (string Stage, (string Name, string Channel)[] TouchPoints)[] stages) =>
        client.PostJsonAsync("/api/v1/journeys", new
        {
            name,
            description = "Made by a test",
            stages = stages.Select(s => new { name = s.Stage, touchPoints = s.TouchPoints.Select(t => new { name = t.Name, channel = t.Channel }) }),
        }, HttpStatusCode.Created);

    /// <summary>The id of the touch point called <paramref name="name"/> in a journey's JSON.</summary>
    public static Guid TouchPoint(JsonElement journey, string name) =>
        journey.GetProperty("stages").EnumerateArray().SelectMany(s => s.GetProperty("touchPoints").EnumerateArray())
            .Single(t => t.GetString("name") == name).GetGuid("id");

    public static Guid Stage(JsonElement journey, string name) =>
        journey.GetProperty("stages").EnumerateArray().Single(s => s.GetString("name") == name).GetGuid("id");

    /// <summary>Answers <paramref name="surveyId"/> once per score, at <paramref name="at"/>, about <paramref name="touchPointId"/>.</summary>
    public static async Task AnswerAsync(HttpClient client, Guid surveyId, Guid touchPointId, DateTime at, params int[] scores)
    {
        foreach (var score in scores)
        {
            await client.PostJsonAsync($"/api/v1/surveys/{surveyId}/responses", new { score, touchPointId, submittedAt = at }, HttpStatusCode.Created);
        }
    }

    /// <summary>The touch point's entry in an analytics answer.</summary>
    public static JsonElement Card(JsonElement analytics, string name) =>
        analytics.GetProperty("stages").EnumerateArray().SelectMany(s => s.GetProperty("touchPoints").EnumerateArray())
            .Single(t => t.GetString("name") == name);

    public static double? Number(JsonElement json, string property) =>
        json.GetProperty(property).ValueKind == JsonValueKind.Null ? null : json.GetProperty(property).GetDouble();
}
