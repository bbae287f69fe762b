namespace Touchpoint.Core.Surveys.Distribution;

/// <summary>
/// The hours in which nobody is sent a survey, read on the customer's own clock. The window may
/// wrap midnight (21:00 to 08:00). Daylight saving is handled by converting at the window's end,
/// not by adding hours: the night a clock changes is an hour longer or shorter.
/// </summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    /// <summary>The workspace's rule, or null when it has no quiet hours.</summary>
    public static QuietHours? Of(ContactRules rules) =>
        rules.QuietHoursStart is { } start && rules.QuietHoursEnd is { } end && start != end ? new QuietHours(start, end) : null;

    public bool Contains(TimeOnly time) =>
        Start < End ? time >= Start && time < End : time >= Start || time < End;

    /// <summary>
    /// The first instant at or after <paramref name="utc"/> that is outside the quiet hours in
    /// <paramref name="zone"/>: <paramref name="utc"/> itself, or the end of the window it falls in.
    /// </summary>
    public DateTime NextAllowed(DateTime utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        var time = TimeOnly.FromDateTime(local);
        if (!Contains(time))
        {
            return utc;
        }

        // In a wrapping window, a time after the start belongs to the night that ends tomorrow.
        var endDay = Start > End && time >= Start ? local.Date.AddDays(1) : local.Date;
        var end = DateTime.SpecifyKind(endDay + End.ToTimeSpan(), DateTimeKind.Unspecified);
        // The end may fall in the hour skipped when clocks go forward: take the first minute that exists.
        while (zone.IsInvalidTime(end))
        {
            end = end.AddMinutes(1);
        }

        // An end in the repeated hour (clocks going back) is read as standard time: the later of the two.
        return TimeZoneInfo.ConvertTimeToUtc(end, zone);
    }
}
