using System.Security.Cryptography;
using System.Text;

namespace Touchpoint.Core.Platform;

/// <summary>Random secrets for keys, invitations and links, and the hash we store instead of them.</summary>
public static class SecretTokens
{
    public static string Create(int bytes = 32) =>
        Base64Url(RandomNumberGenerator.GetBytes(bytes));

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] data) =>
        Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
