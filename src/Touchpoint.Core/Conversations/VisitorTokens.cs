using System.Security.Cryptography;
using System.Text;

namespace Touchpoint.Core.Conversations;

/// <summary>
/// The secrets of the widget: a visitor token (given once to the browser; only its hash is stored, so a
/// database leak does not let anyone speak in a visitor's name) and the identity hash a site computes
/// on its server so a visitor cannot claim another customer's user id.
/// </summary>
public static class VisitorTokens
{
    /// <summary>32 random bytes, base64url: what the widget keeps and sends back.</summary>
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>SHA-256 of the token as lowercase hex: what <see cref="Conversation.VisitorTokenHash"/> holds.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether <paramref name="token"/> is the one whose hash is stored (constant time).</summary>
    public static bool Matches(string? token, string? storedHash) =>
        !string.IsNullOrEmpty(token) && storedHash is { Length: 64 }
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(storedHash));

    /// <summary>hex(HMAC-SHA256(userId, secret)), as the site's server computes it.</summary>
    public static string IdentityHash(string userId, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(userId)));

    /// <summary>Whether the site signed this user id with the inbox's secret (hex in either case, constant time).</summary>
    public static bool IdentityMatches(string userId, string? userHash, string secret) =>
        userHash is { Length: 64 }
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(IdentityHash(userId, secret)),
            Encoding.ASCII.GetBytes(userHash.ToLowerInvariant()));

    /// <summary>A reply token for support+TOKEN@domain: 20 lowercase letters and digits, unguessable.</summary>
    public static string NewReplyToken()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
