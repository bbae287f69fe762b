using System.Globalization;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Conversations;

/// <summary>
/// A cursor over conversations by newest activity: the last row's activity time and how many rows
/// with exactly that time were already returned (conversation ids are GUIDs, not ordered numbers).
/// </summary>
internal readonly record struct ActivityCursor(DateTime At, int Skip)
{
    public string Encode() => Cursor.EncodeText(string.Create(CultureInfo.InvariantCulture, $"{At.Ticks}.{Skip}"));

    public static bool TryDecode(string? cursor, out ActivityCursor? value)
    {
        value = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        var parts = Cursor.DecodeText(cursor)?.Split('.');
        if (parts is not [var ticks, var skip]
            || !long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t) || t > DateTime.MaxValue.Ticks
            || !int.TryParse(skip, NumberStyles.None, CultureInfo.InvariantCulture, out var s))
        {
            return false;
        }

        value = new ActivityCursor(new DateTime(t, DateTimeKind.Utc), s);
        return true;
    }
}
