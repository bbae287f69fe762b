using System.Globalization;
using System.Text;

namespace Touchpoint.Web.Platform;

/// <summary>
/// Opaque page cursors: the last row's key, base64url-encoded. Clients pass <c>next</c> back as
/// <c>?cursor=</c>; its content is not part of the API.
/// </summary>
internal static class Cursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static string Encode(long key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(key.ToString(CultureInfo.InvariantCulture))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string? cursor, out long key)
    {
        key = 0;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            return long.TryParse(Encoding.UTF8.GetString(Convert.FromBase64String(padded)), NumberStyles.None, CultureInfo.InvariantCulture, out key);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Checks <c>cursor</c> and <c>limit</c>; adds field errors for what is wrong.</summary>
    public static (long? After, int Limit) Read(string? cursor, int? limit, Dictionary<string, string[]> errors)
    {
        if (!TryDecode(cursor, out var after))
        {
            errors["cursor"] = ["This cursor is not one the API gave out. Pass the 'next' value of the previous page."];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"Use a limit from 1 to {MaxLimit}."];
        }

        return (string.IsNullOrEmpty(cursor) ? null : after, limit ?? DefaultLimit);
    }
}

/// <summary>One page of a list: the items and the cursor of the next page, or null at the end.</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
