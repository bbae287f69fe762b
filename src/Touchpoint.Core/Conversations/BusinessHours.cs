using System.Text.Json;
using System.Text.Json.Serialization;

namespace Touchpoint.Core.Conversations;

/// <summary>
/// An inbox's opening times in its own time zone: open slots per weekday and closed dates (holidays).
/// Stored as JSON on <see cref="Inbox.BusinessHours"/>, e.g.
/// <c>{"timeZone":"Europe/Berlin","days":{"monday":[{"from":"09:00","to":"17:00"}]},"holidays":["2026-12-25"]}</c>.
/// A day with no slots is closed; a slot may end at "24:00".
/// </summary>
public sealed record BusinessHours(string TimeZone, Dictionary<DayOfWeek, List<OpeningSlot>> Days, List<DateOnly> Holidays)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static BusinessHours? FromJson(string? json) => string.IsNullOrWhiteSpace(json) ? null : JsonSerializer.Deserialize<BusinessHours>(json, Json);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Whether the inbox is open at an instant (UTC).</summary>
    public bool IsOpen(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone());
        if (Holidays.Contains(DateOnly.FromDateTime(local)))
        {
            return false;
        }

        var time = TimeOnly.FromDateTime(local);
        return Days.TryGetValue(local.DayOfWeek, out var slots) && slots.Any(s => s.Contains(time));
    }

    /// <summary>The next instant (UTC) the inbox opens, looking at most two weeks ahead; null when it never does.</summary>
    public DateTime? NextOpening(DateTime utc)
    {
        var zone = Zone();
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        for (var day = 0; day <= 14; day++)
        {
            var date = DateOnly.FromDateTime(local).AddDays(day);
            if (Holidays.Contains(date) || !Days.TryGetValue(date.DayOfWeek, out var slots))
            {
                continue;
            }

            foreach (var slot in slots.OrderBy(s => s.From))
            {
                var start = date.ToDateTime(slot.From);
                if (start >= local || (day == 0 && slot.Contains(TimeOnly.FromDateTime(local))))
                {
                    var opening = start >= local ? start : local;
                    return zone.IsInvalidTime(opening) ? opening.AddHours(1).ToUniversalTime() : TimeZoneInfo.ConvertTimeToUtc(opening, zone);
                }
            }
        }

        return null;
    }

    private TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}

/// <summary>An open period of a day; <see cref="To"/> of 00:00 means midnight at the day's end ("24:00").</summary>
public sealed record OpeningSlot(TimeOnly From, TimeOnly To)
{
    public bool Contains(TimeOnly time) => time >= From && (To == TimeOnly.MinValue || time < To);
}
