using System.Net;
using System.Text.Json;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Segments;

/// <summary>Segment calls as a client makes them.</summary>
internal static class SegmentApi
{
    public static Task<JsonElement> CreateSegmentAsync(this HttpClient client, object rule, string? name = null) =>
        client.PostJsonAsync("/api/v1/segments", new { name = name ?? $"Segment {Guid.NewGuid():N}", rule }, HttpStatusCode.Created);

    /// <summary>The external ids of every member, walking all pages.</summary>
    public static async Task<List<string>> MemberExternalIdsAsync(this HttpClient client, Guid segmentId, int limit = 500)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.GetJsonAsync($"/api/v1/segments/{segmentId}/members?limit={limit}" + (cursor is null ? "" : $"&cursor={cursor}"));
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(m => m.GetString("externalId")!));
            cursor = page.GetString("next");
        }
        while (cursor is not null);
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    public static async Task<int> PreviewAsync(this HttpClient client, object rule) =>
        (await client.PostJsonAsync("/api/v1/segments/preview", new { rule }, HttpStatusCode.OK)).GetProperty("count").GetInt32();
}
