using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Touchpoint.Core.Conversations.Email;

/// <summary>
/// The per-conversation reply address: support+TOKEN@example.com for an inbox at support@example.com.
/// Mail servers deliver "+" sub-addresses to the base mailbox, so one mailbox serves every conversation,
/// and the token in the address threads a reply even when the mail client drops its headers.
/// </summary>
public static partial class ReplyAddress
{
    /// <summary>A new token: 20 lower-case letters and digits (some mail servers lower-case addresses).</summary>
    public static string NewToken()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(20, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }

    /// <summary>A token derived from <paramref name="seed"/>: the same 20 lower-case letters and digits every time.</summary>
    public static string TokenFor(string seed)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed));
        return string.Create(20, hash, (span, bytes) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[bytes[i] % alphabet.Length];
            }
        });
    }

    /// <summary>support@example.com + token → support+token@example.com; null without a usable inbox address.</summary>
    public static string? For(string? inboxAddress, string token)
    {
        var at = inboxAddress?.LastIndexOf('@') ?? -1;
        if (inboxAddress is null || at <= 0)
        {
            return null;
        }

        var local = inboxAddress[..at];
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        return $"{(plus > 0 ? local[..plus] : local)}+{token}@{inboxAddress[(at + 1)..]}";
    }

    /// <summary>The token of local+TOKEN@domain, or null.</summary>
    public static string? TokenIn(string address)
    {
        var match = Tokened().Match(address);
        return match.Success ? match.Groups["token"].Value : null;
    }

    /// <summary>support+anything@example.com → support@example.com, lower case, for matching an inbox.</summary>
    public static string Base(string address)
    {
        var match = Tokened().Match(address);
        return (match.Success ? $"{match.Groups["local"].Value}@{match.Groups["domain"].Value}" : address).ToLowerInvariant();
    }

    /// <summary>The domain of an address, for Message-IDs we generate.</summary>
    public static string Domain(string? address) =>
        address is not null && address.LastIndexOf('@') is > 0 and var at ? address[(at + 1)..] : "touchpoint.local";

    [GeneratedRegex(@"^(?<local>[^@+\s]+)\+(?<token>[A-Za-z0-9_-]{6,32})@(?<domain>[^@\s]+)$")]
    private static partial Regex Tokened();
}
