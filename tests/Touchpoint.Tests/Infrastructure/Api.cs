using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>Small helpers for calling the REST API and reading what it answers, as a client would.</summary>
public static class Api
{
    public static StringContent Json(string rawJson) => new(rawJson, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrEmpty(text), $"Expected a JSON body with {(int)response.StatusCode}, got none.");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts the status and returns the JSON body; shows the body when the status is wrong.</summary>
    public static async Task<JsonElement> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> PostJsonAsync(this HttpClient client, string url, object body, HttpStatusCode expected)
    {
        using var response = await client.PostAsJsonAsync(url, body);
        return await response.ExpectAsync(expected);
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(url);
        return await response.ExpectAsync(expected);
    }

    /// <summary>Creates a live survey through the API; returns its JSON.</summary>
    public static Task<JsonElement> CreateSurveyAsync(this HttpClient client, string metric = "nps", string? name = null) =>
        client.PostJsonAsync("/api/v1/surveys", new { name = name ?? $"Survey {Guid.NewGuid():N}", metric }, HttpStatusCode.Created);

    public static Task<JsonElement> SubmitAsync(this HttpClient client, Guid surveyId, int score, DateTime? submittedAt = null,
        string? comment = null) =>
        client.PostJsonAsync($"/api/v1/surveys/{surveyId}/responses", new { score, submittedAt, comment }, HttpStatusCode.Created);

    public static Guid GetGuid(this JsonElement json, string property) => json.GetProperty(property).GetGuid();

    public static long GetInt64(this JsonElement json, string property) => json.GetProperty(property).GetInt64();

    public static string? GetString(this JsonElement json, string property) => json.GetProperty(property).GetString();

    public static bool IsNull(this JsonElement json, string property) => json.GetProperty(property).ValueKind == JsonValueKind.Null;

    public static string Query(DateTime instant) => WebUtility.UrlEncode(instant.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
}
