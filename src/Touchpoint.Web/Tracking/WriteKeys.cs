using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;

namespace Touchpoint.Web.Tracking;

/// <summary>
/// Finds the write key of a tracking call: HTTP Basic with the key as user name (what Segment's
/// server libraries send), or <c>writeKey</c> / <c>api_key</c> in the JSON body (browser libraries).
/// </summary>
internal static class WriteKeys
{
    /// <summary>The key in the Authorization header; empty when the header is there but unreadable; null when absent.</summary>
    public static string? FromHeader(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return "";
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? decoded : decoded[..colon];
        }
        catch (FormatException)
        {
            return "";
        }
    }

    public static string? FromBody(JsonElement root)
    {
        foreach (var name in (string[])["writeKey", "api_key"])
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }
        }

        return null;
    }

    /// <summary>An active key of either kind, or null (unknown, revoked); the caller refuses REST keys.</summary>
    public static async Task<ApiKey?> FindAsync(ApiKeyService keys, string? plain, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(plain) || plain.Length > 200)
        {
            return null;
        }

        return await keys.FindActiveAsync(plain.Trim(), ct);
    }

    /// <summary>At most one write a minute per key, as for REST keys.</summary>
    public static async Task TouchAsync(TouchpointDbContext db, ApiKey key, DateTime now, CancellationToken ct)
    {
        if (key.LastUsedAt is { } last && now - last < TimeSpan.FromMinutes(1))
        {
            return;
        }

        await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        key.LastUsedAt = now;
    }
}
