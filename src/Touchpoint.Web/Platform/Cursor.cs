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

    public static string Encode(long key) => EncodeText(key.ToString(CultureInfo.InvariantCulture));

    public static bool TryDecode(string? cursor, out long key)
    {
        key = 0;
        return string.IsNullOrEmpty(cursor)
            || long.TryParse(DecodeText(cursor), NumberStyles.None, CultureInfo.InvariantCulture, out key);
    }

    internal static string EncodeText(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static string? DecodeText(string cursor)
    {
        var padded = cursor.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(padded));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Checks <c>cursor</c> and <c>limit</c>; adds field errors for what is wrong.</summary>
    public static (long? After, int Limit) Read(string? cursor, int? limit, Dictionary<string, string[]> errors)
    {
        if (!TryDecode(cursor, out var after))
        {
            errors["cursor"] = [BadCursor];
        }

        return (string.IsNullOrEmpty(cursor) ? null : after, ReadLimit(limit, errors));
    }

    /// <summary>Checks <c>limit</c> (1 to <see cref="MaxLimit"/>, default <see cref="DefaultLimit"/>).</summary>
    public static int ReadLimit(int? limit, Dictionary<string, string[]> errors)
    {
        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"Use a limit from 1 to {MaxLimit}."];
        }

        return limit ?? DefaultLimit;
    }

    public const string BadCursor = "This cursor is not one the API gave out. Pass the 'next' value of the previous page.";
}

/// <summary>One page of a list: the items and the cursor of the next page, or null at the end.</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>
/// A cursor over rows ordered newest first by an instant, ties broken by id: the last row's
/// (instant, id). Answers imported with their original times still page in time order.
/// </summary>
internal readonly record struct TimeCursor(DateTime At, long Id)
{
    public string Encode() => Cursor.EncodeText(string.Create(CultureInfo.InvariantCulture, $"{At.Ticks}.{Id}"));

    public static bool TryDecode(string? cursor, out TimeCursor? value)
    {
        value = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        var parts = Cursor.DecodeText(cursor)?.Split('.');
        if (parts is not [var ticks, var id]
            || !long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t) || t > DateTime.MaxValue.Ticks
            || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
        {
            return false;
        }

        value = new TimeCursor(new DateTime(t, DateTimeKind.Utc), i);
        return true;
    }
}
