using System.Net;
using System.Text.Json;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>Checks that an error is an RFC 9457 problem a client can act on.</summary>
public static class Problem
{
    public const string MediaType = "application/problem+json";

    /// <summary>Asserts status, content type, <c>status</c> and <c>title</c>; returns the problem's JSON.</summary>
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var json = await response.ExpectAsync(status);
        Assert.Equal(MediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("title").GetString()), "A problem needs a title a person can act on.");
        return json;
    }

    /// <summary>Also asserts that <c>errors</c> names <paramref name="field"/> with a message.</summary>
    public static async Task<JsonElement> AssertFieldAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var json = await AssertAsync(response, status);
        Assert.True(json.TryGetProperty("errors", out var errors), $"Expected 'errors' naming '{field}': {json}");
        Assert.True(errors.TryGetProperty(field, out var messages), $"Expected 'errors' to name '{field}': {errors}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        return json;
    }
}
