using System.Globalization;
using Touchpoint.Core.Customers;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Customers;

/// <summary>Opaque cursors of the customer list (created time, id) and of the timeline (time, kind, id).</summary>
internal static class CustomerCursors
{
    public static string Encode(CustomerSearch.Position p) =>
        Cursor.EncodeText(string.Create(CultureInfo.InvariantCulture, $"{p.CreatedAt.Ticks}.{p.Id:N}"));

    public static bool TryDecode(string? cursor, out CustomerSearch.Position? position)
    {
        position = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        if (Cursor.DecodeText(cursor)?.Split('.') is [var ticks, var id] && TryTicks(ticks, out var at) && Guid.TryParseExact(id, "N", out var guid))
        {
            position = new CustomerSearch.Position(at, guid);
            return true;
        }

        return false;
    }

    public static string Encode(TimelinePosition p) =>
        Cursor.EncodeText(string.Create(CultureInfo.InvariantCulture, $"{p.At.Ticks}.{p.Kind}.{p.Id}"));

    public static bool TryDecode(string? cursor, IReadOnlyList<string> kinds, out TimelinePosition? position)
    {
        position = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        if (Cursor.DecodeText(cursor)?.Split('.') is [var ticks, var kind, var id] && TryTicks(ticks, out var at) && kinds.Contains(kind)
            && long.TryParse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key))
        {
            position = new TimelinePosition(at, kind, key);
            return true;
        }

        return false;
    }

    private static bool TryTicks(string text, out DateTime at)
    {
        at = default;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        at = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }
}
