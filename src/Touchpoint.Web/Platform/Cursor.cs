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

    private const string NotOurs = "This cursor is not one the API gave out. Pass the 'next' value of the previous page.";

    public static string Encode(long key) => Encode64(key.ToString(CultureInfo.InvariantCulture));

    public static bool TryDecode(string? cursor, out long key)
    {
        key = 0;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        return long.TryParse(Decode64(cursor), NumberStyles.None, CultureInfo.InvariantCulture, out key);
    }

    /// <summary>Checks <c>cursor</c> and <c>limit</c>; adds field errors for what is wrong.</summary>
    public static (long? After, int Limit) Read(string? cursor, int? limit, Dictionary<string, string[]> errors)
    {
        if (!TryDecode(cursor, out var after))
        {
            errors["cursor"] = [NotOurs];
        }

        CheckLimit(limit, errors);
        return (string.IsNullOrEmpty(cursor) ? null : after, limit ?? DefaultLimit);
    }

    /// <summary>A cursor on (time, id), for lists ordered by when something happened rather than by id.</summary>
    public static string Encode(DateTime at, long key) =>
        Encode64($"{at.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture)}.{key.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Checks a (time, id) <c>cursor</c> and <c>limit</c>; adds field errors for what is wrong.</summary>
    public static ((DateTime At, long Key)? After, int Limit) ReadTimed(string? cursor, int? limit, Dictionary<string, string[]> errors)
    {
        (DateTime, long)? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            var parts = Decode64(cursor)?.Split('.');
            if (parts is [var ticks, var key]
                && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t <= DateTime.MaxValue.Ticks
                && long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var k))
            {
                after = (new DateTime(t, DateTimeKind.Utc), k);
            }
            else
            {
                errors["cursor"] = [NotOurs];
            }
        }

        CheckLimit(limit, errors);
        return (after, limit ?? DefaultLimit);
    }

    private static void CheckLimit(int? limit, Dictionary<string, string[]> errors)
    {
        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"Use a limit from 1 to {MaxLimit}."];
        }
    }

    private static string Encode64(string value) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(value)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? Decode64(string cursor)
    {
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            return Encoding.UTF8.GetString(Convert.FromBase64String(padded));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>One page of a list: the items and the cursor of the next page, or null at the end.</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
